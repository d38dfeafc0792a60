/** null when 127.0.0.1:`port` can be bound now, else the error code (EADDRINUSE, EACCES). */
export declare function portProblem(port: number): Promise<string | null>;
/** What answers HTTP on 127.0.0.1:`port`: a Vitrine worker or something else. */
export declare function whoAnswers(port: number): Promise<{ vitrine: true; version: string } | { vitrine: false }>;
/** The first free port after `port` (up to 50 further). */
export declare function nextFreePort(port: number): Promise<number | null>;
/** One sentence naming the port and who holds it. */
export declare function describeTakenPort(port: number, problem: string): Promise<string>;
