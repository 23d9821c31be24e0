// The README's table of verdicts and reasons, shared by the suites that
// check every decision against it: each reason belongs to exactly one verdict.
export const REASONS = {
  allowed: ["region-allowed", "shared-code-allowed", "code-allowed", "range-allowed", "protection-disabled"],
  blocked: ["not-allowed", "unassigned-code", "unassigned-range", "number-type-blocked"],
  "not-international": ["no-international-prefix", "feature-code", "domestic"],
  incomplete: ["incomplete-prefix", "incomplete-code", "incomplete-number"],
  malformed: ["too-long", "invalid-character", "misplaced-plus", "misplaced-symbol", "misplaced-post-dial", "invalid-uri", "internal-error"],
};
export const VERDICTS = Object.keys(REASONS);
/** The number types a decision may tell (numberType), and those blockNumberTypes takes. */
export const NUMBER_TYPES = [
  "fixed-line", "mobile", "fixed-line-or-mobile", "toll-free", "premium-rate", "shared-cost",
  "voip", "personal-number", "pager", "uan", "voicemail", "unknown",
];
export const BLOCKABLE_TYPES = NUMBER_TYPES.filter((t) => t !== "fixed-line-or-mobile");
