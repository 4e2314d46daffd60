// Case-insensitive: an upper-cased key still gives its hex digits away. A bare prefix gives
// nothing away and the mask itself is not masked again.
const API_KEY_LIKE = /sk_live_[A-Za-z0-9_-]+/gi;

const REDACTED_KEY = "sk_live_***";

// Enough for a key encoded by a client and then again by a proxy or a test; every level costs a
// pass over the text, and the text may be a 16 KiB URL.
const MAX_DECODE_LEVELS = 3;

/** One character of the decoded text, and where it starts in the original text. */
interface DecodedChar {
  char: string;
  start: number;
}

// Decodes only %XX escapes of ASCII characters, so every decoded character maps back to one
// span of the original and a match can be masked there, in whatever form it was written.
function decodeAsciiEscapes(chars: DecodedChar[]): DecodedChar[] {
  const decoded: DecodedChar[] = [];

  for (let index = 0; index < chars.length; index += 1) {
    const current = chars[index]!;
    const hex = `${chars[index + 1]?.char ?? ""}${chars[index + 2]?.char ?? ""}`;

    if (current.char === "%" && /^[0-7][0-9A-Fa-f]$/.test(hex)) {
      decoded.push({ char: String.fromCharCode(Number.parseInt(hex, 16)), start: current.start });
      index += 2;
    } else {
      decoded.push(current);
    }
  }

  return decoded;
}

/**
 * Masks anything that looks like an API key in text that is logged or echoed back, such as a
 * path a caller typed a key into by mistake. Percent-encoded forms (`sk%5Flive%5F…`, also
 * encoded twice) are found too and masked where they stand.
 */
export function redactSecrets(text: string): string {
  let chars = text.split("").map((char, start) => ({ char, start }));

  for (let level = 0; level < MAX_DECODE_LEVELS && text.includes("%"); level += 1) {
    const decoded = decodeAsciiEscapes(chars);

    if (decoded.length === chars.length) break;

    chars = decoded;
  }

  const plain = chars.map((decodedChar) => decodedChar.char).join("");
  let masked = "";
  let copiedUpTo = 0;

  for (const match of plain.matchAll(API_KEY_LIKE)) {
    const end = match.index + match[0].length;

    masked += text.slice(copiedUpTo, chars[match.index]!.start) + REDACTED_KEY;
    copiedUpTo = end < chars.length ? chars[end]!.start : text.length;
  }

  return masked + text.slice(copiedUpTo);
}
