import { SyntaxValidator } from 'fast-xml-validator';

/** Throws, naming the problem, unless `xml` is well-formed; strict about `<` in attributes and `]]>` in text. */
export function assertWellFormedXml(xml: string): void {
  SyntaxValidator.validate(xml, { invalidCharSequence: { tagValue: true, attrLt: true } });
}
