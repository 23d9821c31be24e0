// Prints the CLDR English short name of every region in libphonenumber's
// metadata, as Node's Intl.DisplayNames gives it, in the format of
// xtask/regions.tsv. Used once to seed that file (names then reviewed and
// given aliases by hand); `cargo xtask gen-data` reads the committed file, so
// the generated table does not depend on the ICU version of whoever runs it.
//
//   node xtask/region-names.mjs > /tmp/names.tsv
import { readFileSync } from "node:fs";

const xml = readFileSync(new URL("../data/libphonenumber/PhoneNumberMetadata.xml", import.meta.url), "utf8");
const ids = [...new Set([...xml.matchAll(/<territory id="([A-Z]{2})"/g)].map((m) => m[1]))].sort();
const names = new Intl.DisplayNames(["en"], { type: "region" });
console.log(`# CLDR ${process.versions.cldr} via Node ${process.version} Intl.DisplayNames("en")`);
for (const id of ids) console.log(`${id}\t${names.of(id)}\t`);
