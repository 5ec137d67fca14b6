import iconv from 'iconv-lite';
import { XMLParser } from 'fast-xml-parser';

export class XmlRefused extends Error {
  override name = 'XmlRefused';
}

/**
 * Decodes an XML document by the encoding its declaration names (ISO-8859-1 exists in the wild),
 * after a byte-order mark check; UTF-8 when nothing is declared, as XML 1.0 §4.3.3 says.
 */
export function decodeXml(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return iconv.decode(bytes, bytes[0] === 0xff ? 'utf16le' : 'utf16be');
  const head = bytes.subarray(0, 200).toString('latin1');
  const declared = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  if (!declared || /^utf-?8$/i.test(declared)) return bytes.toString('utf8');
  if (!iconv.encodingExists(declared)) throw new XmlRefused(`unsupported declared encoding ${declared}`);
  return iconv.decode(bytes, declared);
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // No entity expansion at all: with DTDs refused below there is nothing legitimate to expand
  // beyond the five predefined ones, which fast-xml-parser handles itself.
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => ['info', 'area', 'polygon', 'circle', 'geocode', 'parameter', 'resource', 'entry', 'item', 'request', 'service', 'link', 'eventCode'].includes(name),
});

/**
 * Parses untrusted XML. DTDs are refused outright (XXE, billion laughs): CAP, Atom and Open311
 * documents never need one. The caller bounds the size before this runs.
 */
export function parseUntrustedXml(bytes: Buffer, maxBytes: number): Record<string, unknown> {
  if (bytes.length > maxBytes) throw new XmlRefused(`document of ${bytes.length} bytes exceeds the limit of ${maxBytes}`);
  const text = decodeXml(bytes);
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) throw new XmlRefused('document type declarations and entities are refused (XXE)');
  let doc: unknown;
  try {
    doc = parser.parse(text, true);
  } catch (error) {
    throw new XmlRefused(`malformed XML: ${(error as { message?: string }).message ?? String(error)}`);
  }
  if (!doc || typeof doc !== 'object') throw new XmlRefused('empty XML document');
  return doc as Record<string, unknown>;
}

/** Text content of a parsed node, whether it came out as a string or an object with attributes. */
export function xmlText(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (typeof node === 'object' && '#text' in node) return xmlText((node as Record<string, unknown>)['#text']);
  return undefined;
}

export const asArray = <T>(v: T | T[] | undefined | null): T[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
