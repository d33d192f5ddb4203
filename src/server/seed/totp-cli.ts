/** `npm run registry:totp -- <username>`: the current TOTP code of a demo account (demo only). */
import { totpAt } from '../auth/totp';
import { DEMO_USERS, demoTotpSecret } from './directory';

const username = process.argv[2];
if (username === undefined || !DEMO_USERS.some((u) => u.username === username)) {
  console.error(
    `Usage: npm run registry:totp -- <demo username>\nDemo users: ${DEMO_USERS.map((u) => u.username).join(', ')}`,
  );
  process.exit(2);
}
console.log(totpAt(demoTotpSecret(username), Date.now() / 1000));
