/**
 * The registry's address: https, or plain http only to this machine (loopback: the demo, the
 * tests and a registry on the same workstation). Order data crosses no network in the clear.
 */
import { isIP } from 'node:net';
import { RegistryError } from './errors';

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

/** Parses and checks a registry base URL; returns it without a trailing slash. */
export function registryBaseUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new RegistryError('INVALID_INPUT', `"${input}" is not a web address.`, { field: 'baseUrl' });
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return url;
  throw new RegistryError(
    'INSECURE_REGISTRY_URL',
    url.protocol === 'http:'
      ? `The registry address ${url.host} uses plain http. Order data may only travel encrypted: use https (plain http is allowed to this computer only).`
      : `The registry address must start with https:// (not ${url.protocol}).`,
    { field: 'baseUrl' },
  );
}
