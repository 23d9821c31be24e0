// Prints the first code point (digit zero) of every run of ten Unicode
// decimal digits (general category Nd), as Node's ICU knows them, in the
// format of xtask/decimal-digits.txt. Used to refresh that file when
// Unicode adds digits; `cargo xtask gen-data` reads the committed file.
//
//   node xtask/decimal-digits.mjs > xtask/decimal-digits.txt
const isDigit = (cp) => /\p{Nd}/u.test(String.fromCodePoint(cp));
console.log(`# Unicode ${process.versions.unicode} (Node ${process.version}, ICU ${process.versions.icu}): digit zero of each run of ten Nd digits`);
for (let cp = 0; cp < 0x110000; cp++) {
  if (!isDigit(cp)) continue;
  for (let d = 0; d < 10; d++) {
    if (!isDigit(cp + d)) throw new Error(`Nd run at U+${cp.toString(16)} is not ten digits`);
  }
  console.log(cp.toString(16).toUpperCase().padStart(4, "0"));
  cp += 9;
}
