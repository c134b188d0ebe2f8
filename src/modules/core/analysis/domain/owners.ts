import { words } from "./text";

export type Member = { userId: string; name: string; email: string };
export type Speaker = { participantId: string | null; speakerName: string; userId: string | null };
/**
 * Who an action item is for. `guest`: someone in the call whose participant row has no account
 * (they typed their name); such an owner never carries a user id, so no task is assigned to them.
 */
export type Owner = { name: string; participantId: string | null; userId: string | null; guest: boolean };

/**
 * Resolves names said in the meeting ("Priya", "Tom Becker") to people: the call's speakers first
 * (they carry a participant id), then the space's members. First name or full name, any case; a
 * first name two different people share resolves to no one rather than to the wrong one.
 *
 * A speaker is linked to an account only through their participant row (issue 14): a display
 * name is whatever the person typed, so a guest who calls themselves "Alice" is a guest named
 * Alice, never the member Alice, and nothing they say can be assigned to her through that name.
 */
export class OwnerDirectory {
  private readonly byName = new Map<string, Owner | null>();
  private readonly bySpeaker = new Map<string, Owner>();

  constructor(speakers: Speaker[], members: Member[]) {
    const people: Owner[] = [];
    for (const s of speakers) {
      if (this.bySpeaker.has(speakerKey(s))) continue;
      const person = speakerOwner(s);
      this.bySpeaker.set(speakerKey(s), person);
      people.push(person);
    }
    const inCall = new Set(people.map((p) => p.userId).filter(Boolean));
    for (const m of members) {
      if (!inCall.has(m.userId)) {
        // A member without a display name is still "nina" to colleagues who know nina@….
        people.push({
          name: m.name.trim() || (m.email.split("@")[0] ?? ""),
          participantId: null,
          userId: m.userId,
          guest: false,
        });
      }
    }
    for (const p of people) this.add(normalizeName(p.name), p);
    for (const p of people) this.add(words(p.name)[0] ?? "", p);
  }

  private add(name: string, p: Owner): void {
    if (!name) return;
    const prev = this.byName.get(name);
    if (prev === undefined) return void this.byName.set(name, p);
    if (prev === null || samePerson(prev, p)) return;
    // Someone who was in the call wins over a member who was not; otherwise the name is ambiguous.
    if (prev.participantId && !p.participantId) return;
    this.byName.set(name, p.participantId && !prev.participantId ? p : null);
  }

  /**
   * Every name (full and first) people can be called by, longest first, for matching in text;
   * ambiguous ones included, so "Sam will …" is still an item, only without an owner.
   */
  names(): string[] {
    return [...this.byName.keys()].sort((a, b) => b.length - a.length);
  }

  resolve(name: string): Owner | null {
    return this.byName.get(normalizeName(name)) ?? null;
  }

  speaker(s: Speaker): Owner {
    return this.bySpeaker.get(speakerKey(s)) ?? speakerOwner(s);
  }
}

/** A speaker as an owner: their account only if their participant row is linked to one. */
function speakerOwner(s: Speaker): Owner {
  const userId = s.participantId ? s.userId : null;
  return { name: s.speakerName, participantId: s.participantId, userId, guest: !!s.participantId && !userId };
}

function speakerKey(s: Speaker): string {
  return s.participantId ?? `name:${s.speakerName}`;
}

function samePerson(a: Owner, b: Owner): boolean {
  return (
    a === b ||
    (!!a.userId && a.userId === b.userId) ||
    (!!a.participantId && a.participantId === b.participantId)
  );
}

function normalizeName(name: string): string {
  return words(name).join(" ");
}
