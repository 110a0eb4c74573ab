// Logs in to a RouterOS API peer in a process of its own and prints what happened as JSON.
// For what a test process cannot change once started: the CAs Node trusts
// (NODE_EXTRA_CA_CERTS is read at start). Run with `node --import tsx`.
import type { PresentedCertificate } from '@contract';
import { openRouterOsSession, type RouterOsLogin } from '../../../src-main/nas/routeros';

const login = JSON.parse(process.argv[2] ?? '{}') as RouterOsLogin;
const presented: PresentedCertificate[] = [];
try {
  const session = await openRouterOsSession({
    ...login,
    onCertificate: (certificate) => presented.push(certificate),
  });
  await session.close();
  console.log(JSON.stringify({ loggedIn: true, presented }));
} catch (failure) {
  const message = failure instanceof Error ? failure.message : String(failure);
  console.log(JSON.stringify({ loggedIn: false, message, presented }));
}
