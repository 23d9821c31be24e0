// A Content-Type read exactly as RFC 9110 (§5.6, §8.3.1) writes a media type:
//
//   media-type    = type "/" subtype parameters
//   parameters    = *( OWS ";" OWS [ parameter ] )
//   parameter     = token "=" ( token / quoted-string )
//   quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE
//   qdtext        = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text
//   quoted-pair   = "\" ( HTAB / SP / VCHAR / obs-text )
//   OWS           = *( SP / HTAB )
//
// No whitespace around "/" or "=", and nothing else: anything off the
// grammar is no media type at all.

const TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

const isTchar = (c) =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || TOKEN_SYMBOLS.includes(String.fromCharCode(c));
const isOws = (c) => c === 0x20 || c === 0x09;
const isObsText = (c) => c >= 0x80 && c <= 0xff;
const isQdtext = (c) => c === 0x09 || c === 0x20 || c === 0x21 || (c >= 0x23 && c <= 0x5b) || (c >= 0x5d && c <= 0x7e) || isObsText(c);
const isQuotedPairChar = (c) => c === 0x09 || (c >= 0x20 && c <= 0x7e) || isObsText(c);

/**
 * `{ type, subtype, parameters }` of a Content-Type value: type and subtype
 * in lower case (they are case-insensitive), the parameters in order as
 * `[name, value]` (names in lower case; values as given, a quoted-string
 * unquoted and unescaped). `null` when the value is not a media type.
 */
export function parseMediaType(value) {
  let i = 0;
  const skipOws = () => {
    while (i < value.length && isOws(value.charCodeAt(i))) i++;
  };
  const token = () => {
    const start = i;
    while (i < value.length && isTchar(value.charCodeAt(i))) i++;
    return i > start ? value.slice(start, i) : null;
  };
  const quotedString = () => {
    let text = "";
    for (i++; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return text;
      }
      if (c === 0x5c) {
        i++;
        if (!isQuotedPairChar(value.charCodeAt(i))) return null;
      } else if (!isQdtext(c)) {
        return null;
      }
      text += value[i];
    }
    return null;
  };

  skipOws();
  const type = token();
  if (type === null || value[i] !== "/") return null;
  i++;
  const subtype = token();
  if (subtype === null) return null;
  const parameters = [];
  for (;;) {
    skipOws();
    if (i === value.length) break;
    if (value[i] !== ";") return null;
    i++;
    skipOws();
    if (i === value.length || value[i] === ";") continue;
    const name = token();
    if (name === null || value[i] !== "=") return null;
    i++;
    const parameter = value[i] === '"' ? quotedString() : token();
    if (parameter === null) return null;
    parameters.push([name.toLowerCase(), parameter]);
  }
  return { type: type.toLowerCase(), subtype: subtype.toLowerCase(), parameters };
}
