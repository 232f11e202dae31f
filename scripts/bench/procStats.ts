/**
 * CPU and UDP counters from Linux /proc, for the media benchmark: CPU time of one process (the
 * mediasoup worker), of this process, of the whole machine, and the per-socket receive drops the
 * kernel keeps in /proc/net/udp (a datagram dropped because its socket's buffer was full).
 */
import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second for /proc times (USER_HZ; 100 on Linux unless CLK_TCK says otherwise). */
const TICKS_PER_S = Number(process.env.CLK_TCK ?? 100);

/** CPU time (user + system, all threads) a process has used, in milliseconds, from /proc/<pid>/stat. */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start at field 3 (state).
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_S;
}

/** CPU time (user + system, all threads) this process has used, in milliseconds. */
export function selfCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Machine-wide CPU time in milliseconds summed over all cores: busy (not idle/iowait) and total, from /proc/stat. */
export function machineCpuMs(): { busyMs: number; totalMs: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user).
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  return { busyMs: ((total - idle) * 1000) / TICKS_PER_S, totalMs: (total * 1000) / TICKS_PER_S };
}

/**
 * Receive drops per local UDP port over IPv4 (the last column of /proc/net/udp): datagrams the
 * kernel discarded because the socket's receive buffer was full. Only ports in `ports` are kept.
 */
export function udpDropsByPort(ports: ReadonlySet<number>): Map<number, number> {
  const out = new Map<number, number>();
  const lines = readFileSync('/proc/net/udp', 'utf8').split('\n').slice(1);
  for (const line of lines) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 13) continue;
    const port = parseInt(cols[1]!.split(':')[1]!, 16);
    if (!ports.has(port)) continue;
    out.set(port, (out.get(port) ?? 0) + Number(cols[cols.length - 1]));
  }
  return out;
}

/** Sum of {@link udpDropsByPort} over `ports`. */
export function udpDrops(ports: ReadonlySet<number>): number {
  let n = 0;
  for (const d of udpDropsByPort(ports).values()) n += d;
  return n;
}
