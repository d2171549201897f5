import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where a webhook may not post unless CAIRN_WEBHOOK_ALLOW_PRIVATE is on: anything ipaddr.js
 * classifies as other than public unicast, i.e. loopback, private and link-local networks
 * (169.254.169.254 is a cloud's metadata service), carrier-grade NAT, multicast, reserved and
 * documentation ranges. Otherwise an admin's token, stolen or misused, could make Cairn probe the
 * network it runs in (server-side request forgery).
 *
 * An IPv6 address that carries an IPv4 address is judged by the IPv4 address: IPv4-mapped
 * (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), SIIT (::ffff:0:a.b.c.d, RFC 6145), NAT64
 * (64:ff9b::a.b.c.d, RFC 6052) and 6to4 (2002:aabb:ccdd::/48). So 64:ff9b::7f00:1 is refused as
 * 127.0.0.1, while the NAT64 form of a public address (an IPv6-only host behind DNS64) is allowed.
 * Forms whose IPv4 address cannot be told (NAT64 local-use 64:ff9b:1::/48, Teredo) are refused.
 */
export function isInwardAddress(address: string): boolean {
  // Fails closed: what is not an IP address (net.isIP, stricter than ipaddr.isValid) is refused.
  if (!net.isIP(address)) return true;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return parsed.range() !== 'unicast';
  const embedded = embeddedIPv4(parsed as ipaddr.IPv6);
  if (embedded) return embedded.range() !== 'unicast';
  return parsed.range() !== 'unicast';
}

function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const parts = address.parts;
  const low32 = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  const range = address.range();
  const nat64WellKnown = parts[0] === 0x64 && parts[1] === 0xff9b && parts.slice(2, 6).every((part) => part === 0);
  const compatible = parts.slice(0, 6).every((part) => part === 0);
  if (range === 'ipv4Mapped' || range === 'rfc6145' || nat64WellKnown || compatible) return low32(parts[6], parts[7]);
  if (range === '6to4') return low32(parts[1], parts[2]);
  return null;
}

const WHY =
  'a loopback, private or link-local address; set CAIRN_WEBHOOK_ALLOW_PRIVATE=true for receivers on your own network';

function hostOf(url: string): string | null {
  try {
    // URL keeps IPv6 literals in brackets
    return new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return null;
  }
}

/**
 * What can be told from the URL alone, when a webhook is saved and again before each delivery: an
 * IP literal in an inward range, or `localhost`. Other host names are resolved as the delivery's
 * socket connects (guardedLookup), as their answer may change.
 */
export function urlRefusal(url: string): string | null {
  const host = hostOf(url);
  if (host === null) return null;
  if (host === 'localhost' || host.endsWith('.localhost') || (net.isIP(host) && isInwardAddress(host)))
    return `${host} is ${WHY}`;
  return null;
}

/** Raised from a connection's lookup: the host resolved inward, so nothing was dialled. */
export class WebhookAddressRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookAddressRefused';
  }
}

/** How a host's addresses are found; dns.lookup unless a test says otherwise. */
export type ResolveAll = (
  hostname: string,
  options: dns.LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
) => void;

/**
 * The `lookup` a delivery's socket uses (net/tls.connect call it for a host name, never for an IP
 * literal, which urlRefusal covers). It resolves the host, refuses it when any of its addresses is
 * inward, and hands the socket only the addresses it vetted: the address checked is the address
 * dialled, so a name that answers a check with a public address and the connection a moment later
 * with 127.0.0.1 (DNS rebinding) gets nowhere.
 */
export function guardedLookup(
  resolveAll: ResolveAll = (hostname, options, callback) => dns.lookup(hostname, options, callback),
): net.LookupFunction {
  return (hostname, options, callback) => {
    resolveAll(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const inward = addresses.find((entry) => isInwardAddress(entry.address));
      if (inward) return callback(new WebhookAddressRefused(`${hostname} resolves to ${inward.address}, ${WHY}`), []);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
