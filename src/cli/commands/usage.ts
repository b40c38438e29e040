/*
 * A command's --help text, wrapped to 120 columns: a long option line continues under its
 * description (the column after the first run of two or more spaces), any other line two spaces
 * further in than it starts.
 */

const WIDTH = 120;
const width = (s: string) => [...s].length;

function wrapUsageLine(line: string): string[] {
  if (width(line) <= WIDTH) return [line];
  const m = /^(\s*\S.*?\s{2,})(\S.*)$/.exec(line);
  const option = m !== null && width(m[1]) <= WIDTH / 2;
  const head = option ? m[1] : /^ */.exec(line)![0];
  const indent = " ".repeat(option ? width(head) : head.length + 2);
  const out: string[] = [];
  let cur = "";
  for (const word of (option ? m[2] : line.slice(head.length)).split(" ")) {
    if (cur === "") cur = (out.length ? indent : head) + word;
    else if (width(`${cur} ${word}`) <= WIDTH) cur = `${cur} ${word}`;
    else {
      out.push(cur);
      cur = indent + word;
    }
  }
  out.push(cur);
  return out;
}

/** The usage text with every line over 120 columns wrapped. */
export const wrapUsage = (text: string): string => text.split("\n").flatMap(wrapUsageLine).join("\n");
