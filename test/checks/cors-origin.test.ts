import { describe, expect, it } from 'vitest';
import { allowsAnyOrigin, allowsPlainHttp, isLoopback, methodsOf } from '../../src/checks/lib/cors.ts';

describe('allowsAnyOrigin: does a site anyone can register match the pattern?', () => {
  it.each([
    ['*', true, 'the whole-origin wildcard'],
    ['https://*', true, 'every HTTPS site'],
    ['http://*:8080', true, 'every site on one port'],
    ['https://app*', true, 'a prefix: https://app.attacker.example matches'],
    ['https://*example.com', true, 'a suffix that is no domain: evilexample.com matches'],
    ['https://*.com', true, 'every .com site'],
    ['https://*.example.com', false, 'a subdomain wildcard under a named domain'],
    ['*.example.com', false, 'a subdomain wildcard without scheme'],
    ['https://*-staging.example.com', false, 'a wildcard inside a label under a named domain'],
    ['*://example.com', false, 'a wildcard only in the scheme'],
    ['http://localhost:*', false, 'a wildcard only in the port'],
    ['https://app.example.com', false, 'an exact origin'],
    ['  *  ', true, 'surrounding spaces do not hide the wildcard'],
  ])('%s → %s (%s)', (origin, expected) => {
    expect(allowsAnyOrigin(origin)).toBe(expected);
  });
});

describe('allowsPlainHttp: does the pattern match some http:// origin?', () => {
  it.each([
    ['http://app.example.com', true],
    ['HTTP://APP.EXAMPLE.COM', true],
    ['http://*.example.com', true],
    ['*.example.com', true],
    ['*://example.com', true],
    ['h*://example.com', true],
    ['https://app.example.com', false],
    ['https://*.example.com', false],
    ['example.com', false],
  ])('%s → %s', (origin, expected) => {
    expect(allowsPlainHttp(origin)).toBe(expected);
  });
});

describe('isLoopback', () => {
  it.each([
    ['http://localhost', true],
    ['http://localhost:3000', true],
    ['http://127.0.0.1:*', true],
    ['http://[::1]:8080', true],
    ['http://localhost.attacker.example', false],
    ['http://127.0.0.1.attacker.example', false],
    ['https://localhost', false],
  ])('%s → %s', (origin, expected) => {
    expect(isLoopback(origin)).toBe(expected);
  });
});

describe('methodsOf', () => {
  it('upper-cases, trims, de-duplicates and expands *', () => {
    const rule = { allowedOrigins: ['*'], allowedHeaders: [], exposeHeaders: [] };
    expect(methodsOf({ ...rule, allowedMethods: ['get', ' GET', 'put'] })).toEqual(['GET', 'PUT']);
    expect(methodsOf({ ...rule, allowedMethods: ['*'] })).toEqual(['GET', 'HEAD', 'PUT', 'POST', 'DELETE']);
  });
});
