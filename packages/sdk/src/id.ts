/**
 * A random id for visitors and events: a version 4 UUID (122 random bits) from
 * `crypto.randomUUID`, which the contract's id patterns accept. Like identify's hashing, it needs
 * a secure context (https, or localhost); elsewhere the snippet does not start and the page keeps
 * its default content.
 * @example randomId() // "3b241101-e2bb-4255-8caf-4136c566a962"
 */
export const randomId = (): string => crypto.randomUUID();
