/**
 * The first index from `from` on where `found(character, index)` holds, skipping what stands inside
 * double-quoted strings (with backslash escapes), as filters and paths quote their values; -1 when
 * there is none. `found` sees every character outside quotes, in order, so it may keep state.
 */
export function indexOutsideQuotes(
  text: string,
  from: number,
  found: (character: string, index: number) => boolean,
): number {
  let inString = false;
  for (let index = from; index < text.length; index++) {
    const character = text[index];
    if (inString) {
      if (character === '\\') index++;
      else if (character === '"') inString = false;
    } else if (character === '"') {
      inString = true;
    } else if (found(character, index)) {
      return index;
    }
  }
  return -1;
}

/** The "]" closing the bracket at `open`, skipping brackets inside quoted strings; -1 when unclosed. */
export function closingBracket(text: string, open: number): number {
  return indexOutsideQuotes(text, open + 1, (character) => character === ']');
}
