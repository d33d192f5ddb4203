/**
 * `npm run check:layers [root]`: fails when an import crosses a layer boundary (rules in layer-rules.ts).
 */
import { checkTree } from './layer-rules';

const root = process.argv[2] ?? process.cwd();
const violations = checkTree(root);
for (const v of violations) console.error(`${v.file}: import '${v.specifier}': ${v.rule}`);
if (violations.length > 0) {
  console.error(`check:layers: ${violations.length} import(s) cross a layer boundary.`);
  process.exit(1);
}
console.log('check:layers: every import stays inside its layer.');
