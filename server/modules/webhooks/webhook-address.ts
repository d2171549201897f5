import { promises as dns } from 'node:dns';
import net from 'node:net';

/**
 * Where a webhook may not post unless CAIRN_WEBHOOK_ALLOW_PRIVATE is on: loopback, private and
 * link-local networks (169.254.169.254 is a cloud's metadata service), carrier-grade NAT,
 * multicast and reserved ranges. Otherwise an admin's token, stolen or misused, could make Cairn
 * probe the network it runs in (server-side request forgery).
 */
const BLOCKED = new net.BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

/** An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is checked as the IPv4 address it carries. */
function isBlockedAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return BLOCKED.check(mapped[1], 'ipv4');
  const family = net.isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family === 6) return BLOCKED.check(address, 'ipv6');
  return false;
}

const WHY = 'a loopback, private or link-local address; set CAIRN_WEBHOOK_ALLOW_PRIVATE=true for receivers on your own network';

function hostOf(url: string): string | null {
  try {
    // URL keeps IPv6 literals in brackets
    return new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return null;
  }
}

/**
 * What can be told from the URL alone, when a webhook is saved: an IP literal in a blocked range
 * or `localhost`. Host names are resolved when delivering (deliveryRefusal), as they may change.
 */
export function urlRefusal(url: string): string | null {
  const host = hostOf(url);
  if (host === null) return null;
  if (host === 'localhost' || host.endsWith('.localhost') || isBlockedAddress(host)) return `${host} is ${WHY}`;
  return null;
}

/**
 * At delivery: the host's every address is resolved and checked, so a public-looking name that
 * resolves inward is refused too. (A name that changes its answer between this check and the
 * connection could still slip through; the proxy or an egress firewall is the place for that.)
 */
export async function deliveryRefusal(
  url: string,
  lookup: (host: string) => Promise<{ address: string }[]> = (host) => dns.lookup(host, { all: true, verbatim: true }),
): Promise<string | null> {
  const literal = urlRefusal(url);
  if (literal) return literal;
  const host = hostOf(url);
  if (host === null || net.isIP(host)) return null;
  try {
    const inward = (await lookup(host)).find((entry) => isBlockedAddress(entry.address));
    return inward ? `${host} resolves to ${inward.address}, ${WHY}` : null;
  } catch {
    // Unresolvable: the POST fails on its own and is retried like any other failure.
    return null;
  }
}
