import type { Session } from "../chain";

/** A page renders into `root` and returns a cleanup (timers) or nothing. */
export type Page = (session: Session, root: HTMLElement) => Promise<(() => void) | void>;
