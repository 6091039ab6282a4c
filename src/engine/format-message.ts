const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** Fills {{name}} placeholders from data; an unknown name is left as is so a test can catch it. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(PLACEHOLDER, (match, name: string) => {
    const value = data[name];
    return value === undefined ? match : String(value);
  });
}

export function unfilledPlaceholders(message: string): string[] {
  return [...message.matchAll(PLACEHOLDER)].map((match) => match[0]);
}
