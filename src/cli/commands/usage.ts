/*
 * A command's --help text, wrapped to 120 columns. An option line continues under its
 * description column (the column after the first run of two or more spaces, or the column most
 * option lines use when the option name fills it), any other line two spaces further in than it
 * starts. Words that spill over move to the front of the next line when that line continues at
 * the same column, so a hand-laid paragraph is reflowed rather than left with a stray word.
 */

const WIDTH = 120;
const width = (s: string) => [...s].length;
const leading = (s: string) => /^ */.exec(s)![0].length;

/** The description column most option lines ("  --flag ARG   text") use, if any. */
function optionColumn(lines: readonly string[]): number | undefined {
  const counts = new Map<number, number>();
  for (const line of lines) {
    const m = /^(\s+-\S.*?\s{2,})\S/.exec(line);
    if (m !== null && width(m[1]) <= WIDTH / 2) counts.set(width(m[1]), (counts.get(width(m[1])) ?? 0) + 1);
  }
  let best: number | undefined;
  for (const [col, n] of counts) if (best === undefined || n > counts.get(best)! || (n === counts.get(best)! && col > best)) best = col;
  return best;
}

/** Where a line's text starts and where its continuation lines start. */
function layout(line: string, column: number | undefined): { head: string; indent: number } {
  const m = /^(\s*\S.*?\s{2,})\S/.exec(line);
  if (m !== null && width(m[1]) <= WIDTH / 2) return { head: m[1], indent: width(m[1]) };
  // An option whose name runs up to its description with a single space: the common column.
  if (column !== undefined && /^\s+-/.test(line) && [...line][column - 1] === " ") return { head: [...line].slice(0, column).join(""), indent: column };
  const lead = leading(line);
  // A continuation line already at the option column stays there.
  return { head: line.slice(0, lead), indent: column !== undefined && lead === column ? lead : lead + 2 };
}

function wrapLine(line: string, column: number | undefined): { lines: string[]; indent: number } {
  const { head, indent } = layout(line, column);
  const pad = " ".repeat(indent);
  const out: string[] = [];
  let cur = "";
  for (const word of line.slice(head.length).split(" ")) {
    if (cur === "") cur = (out.length ? pad : head) + word;
    else if (width(`${cur} ${word}`) <= WIDTH) cur = `${cur} ${word}`;
    else {
      out.push(cur);
      cur = pad + word;
    }
  }
  out.push(cur);
  return { lines: out, indent };
}

/** A paragraph's last line holding one word takes the word before it too, so no word stands alone. */
function balance(lines: string[], indent: number): string[] {
  const n = lines.length;
  if (n < 2 || /\S\s+\S/.test(lines[n - 1])) return lines;
  const prev = lines[n - 2];
  const cut = prev.lastIndexOf(" ");
  // keep at least two words of text on the line before (past its indent or option column)
  if (cut <= indent || !/\S\s+\S/.test(prev.slice(indent, cut))) return lines;
  return [...lines.slice(0, n - 2), prev.slice(0, cut), `${" ".repeat(indent)}${prev.slice(cut + 1)} ${lines[n - 1].trimStart()}`];
}

/** The usage text with every line over 120 columns wrapped. */
export function wrapUsage(text: string): string {
  const lines = text.split("\n");
  const column = optionColumn(lines);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (width(line) <= WIDTH) {
      out.push(line);
      continue;
    }
    for (;;) {
      const { lines: wrapped, indent } = wrapLine(line, column);
      const next = lines[i + 1];
      // The spilled words join the next line when it continues the same paragraph at the same column.
      if (wrapped.length > 1 && next !== undefined && leading(next) === indent && next.trim() !== "" && !/^\s*-/.test(next)) {
        out.push(...wrapped.slice(0, -1));
        line = `${wrapped.at(-1)} ${next.trimStart()}`;
        i++;
        if (width(line) <= WIDTH) {
          out.push(line);
          break;
        }
        continue;
      }
      out.push(...balance(wrapped, indent));
      break;
    }
  }
  return out.join("\n");
}
