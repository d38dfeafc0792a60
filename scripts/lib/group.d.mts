/** Live (non-zombie) members of process group `pgid` (Linux: from /proc). */
export declare function groupMembers(pgid: number): number[];
/** State, parent and process group of `pid` from /proc/<pid>/stat (Linux), or null. */
export declare function readStat(pid: number): { state: string; ppid: number; pgrp: number } | null;
/** Sends `signal` to every member of group `pgid` except `except`; false when none was there. */
export declare function signalGroup(pgid: number, signal: NodeJS.Signals, except?: number): boolean;
/** SIGTERM, then SIGKILL after `graceMs`; true once no member (but `except`) is alive. */
export declare function stopGroup(pgid: number, options?: { graceMs?: number; giveUpMs?: number; except?: number }): Promise<boolean>;
