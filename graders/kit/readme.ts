/** The student kit's README: what is in the kit, and the two commands that set it up and check the homework. */

export interface ReadmeFacts {
  /** The Node version the kit needs, from package.json's engines (e.g. ">=20.19"). */
  node: string;
  /** Whether the kit has `npm run check` beside `npm run grade`. */
  hasCheck: boolean;
}

export function studentReadme({ node, hasCheck }: ReadmeFacts): string {
  const check = hasCheck
    ? `
\`npm run check\` does the same with friendlier output that ends with the next thing to fix;
\`npm run check -- --watch\` checks again every time you save.
`
    : '';
  return `# Homework kit: a linear classifier from scratch

Everything you need to write the homework and check it on your own machine, the same way the
course grades it.

| what | where |
| --- | --- |
| your working folder: start from \`index.ts\` | \`homework/\` |
| the task and the contract your functions follow | \`HOMEWORK.md\` |
| the public test cases | \`fixtures/public/\` |
| the 8x8 digits, and where they come from and their licence | \`fixtures/digits.csv.gz\`, \`fixtures/DIGITS.md\` |
| the self-check (the course's grader) | \`scripts/\`, \`graders/\` |

## Set up, then check your homework

You need Node ${node.replace(/^>=\s*/, '')} or newer (\`node --version\` says which you have). In this folder:

\`\`\`sh
npm install
npm run grade -- homework
\`\`\`

The first command installs the grader's dependencies (once). The second grades \`homework/\`:
a line per part with its points and, for what fails, what differs and where, often with a hint.
The full report is in \`reports/homework/report.json\`. As handed out the template scores 0;
every part you finish adds its points.
${check}
## What the course grades differently

The course grades with hidden test cases of the same kinds and shapes as the public ones, and
also checks \`linearBackward\` on a few random shapes. Passing everything here is a very good
sign, not a guarantee: write the general solution, not one that fits these cases.

Your code runs in a sandbox without file, network or process access: use only your own files
(relative imports such as \`./helpers\`), no packages and no Node built-ins.

## Handing in

Hand in the files of \`homework/\` (\`index.ts\` and any files it imports) as your course asks.
`;
}
