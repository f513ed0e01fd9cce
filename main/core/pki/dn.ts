/**
 * The one printer of distinguished names (issue 8): RFC 4514 text from the parsed RDNs, never from a formatted
 * string. Reads the DER itself (./der), so it loads nothing heavy and works wherever a name is shown.
 */
import { children, oid, readDer, sequence } from './der';
import type { DerNode } from './der';
import type { x509 } from './provider';

/**
 * Short names as openssl prints them (RFC 4514 §3 for the first ones). Any other type prints as its OID with its
 * DER in hex (§2.4), as openssl does for the types it has no name for.
 */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'street',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '2.5.4.5': 'serialNumber',
  '2.5.4.4': 'SN',
  '2.5.4.42': 'GN',
  '2.5.4.12': 'title',
};

/** X.690 universal string tags and how their content octets decode. */
const STRING_TAGS: Readonly<Record<number, (content: Buffer) => string>> = {
  12: (c) => c.toString('utf8'), // UTF8String
  19: (c) => c.toString('latin1'), // PrintableString
  22: (c) => c.toString('latin1'), // IA5String
  20: (c) => c.toString('latin1'), // TeletexString, read as Latin-1 as openssl does
  26: (c) => c.toString('latin1'), // VisibleString
  30: (c) => Buffer.from(c).swap16().toString('utf16le'), // BMPString: UCS-2 big-endian
  28: (c) => {
    // UniversalString: UCS-4 big-endian
    let out = '';
    for (let i = 0; i + 4 <= c.length; i += 4) out += String.fromCodePoint(c.readUInt32BE(i));
    return out;
  },
};

/** `#` and the value's DER in hex (RFC 4514 §2.4), upper case as openssl writes it. */
const hexValue = (value: DerNode): string => `#${value.raw.toString('hex').toUpperCase()}`;

/**
 * One attribute value as RFC 4514 §2.4 writes it: `,` `+` `"` `\` `<` `>` `;` escaped with a backslash, a
 * leading `#` or space and a trailing space too, and control characters as `\XX`. Non-ASCII stays UTF-8 (as
 * `openssl -nameopt RFC2253,-esc_msb` prints it). A value that is not a string prints as `#` and its DER in hex.
 */
function attributeValue(value: DerNode): string {
  const decode = value.cls === 0 && !value.constructed ? STRING_TAGS[value.tag] : undefined;
  if (!decode) return hexValue(value);
  const text = decode(value.content);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) out += `\\${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (',+"\\<>;'.includes(ch)) out += `\\${ch}`;
    else if ((i === 0 && (ch === '#' || ch === ' ')) || (i === text.length - 1 && ch === ' '))
      out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

/**
 * A distinguished name as RFC 4514 §2.1 writes it, from its parsed RDNs: the most specific RDN first
 * (`CN=…, O=…`), the attributes of a multi-valued RDN joined by `+`, each value escaped (§2.4). This is what
 * `openssl -nameopt RFC2253` prints, with `, ` between RDNs for people to read (`separator` `,` gives openssl's
 * exact text). @peculiar/x509's `Name.toString()` keeps certificate order instead. Takes a parsed
 * `Name` or the DER of one (main/core/pki/der-info.ts `certificateName`), so that the CreateSession path, which
 * reads certificates with node:crypto only, prints names the same way. Every name Anchorage shows
 * goes through here, so `list`, `inspect` and error messages agree.
 */
export function rfc4514(name: x509.Name | Uint8Array, separator = ', '): string {
  const der = name instanceof Uint8Array ? name : new Uint8Array(name.toArrayBuffer());
  const rdns = sequence(readDer(der), 'a Name');
  return rdns
    .map((rdn) =>
      children(rdn)
        .map((attribute) => {
          const [type, value] = sequence(attribute, 'an AttributeTypeAndValue');
          const id = oid(type);
          const short = SHORT_NAMES[id];
          if (!value) return `${short ?? id}=`;
          return short ? `${short}=${attributeValue(value)}` : `${id}=${hexValue(value)}`;
        })
        // openssl prints the whole name backwards, the attributes of an RDN included.
        .reverse()
        .join('+'),
    )
    .reverse()
    .join(separator);
}
