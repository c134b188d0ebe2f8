import { words } from "./text";

export type Member = { userId: string; name: string; email: string };
export type Speaker = { participantId: string | null; speakerName: string; userId: string | null };
export type Owner = { name: string; participantId: string | null; userId: string | null };

/**
 * Resolves names said in the meeting ("Priya", "Tom Becker") to people: the call's speakers first
 * (they carry a participant id), then the space's members. First name or full name, any case; a
 * first name two different people share resolves to no one rather than to the wrong one.
 */
export class OwnerDirectory {
  private readonly byName = new Map<string, Owner | null>();
  private readonly bySpeaker = new Map<string, Owner>();

  constructor(speakers: Speaker[], members: Member[]) {
    const people: Owner[] = [];
    for (const s of speakers) {
      if (this.bySpeaker.has(speakerKey(s))) continue;
      const userId = s.userId ?? this.uniqueMember(members, s.speakerName)?.userId ?? null;
      const person = { name: s.speakerName, participantId: s.participantId, userId };
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

  private uniqueMember(members: Member[], name: string): Member | undefined {
    const n = normalizeName(name);
    const hits = members.filter((m) => normalizeName(m.name) === n);
    return hits.length === 1 ? hits[0] : undefined;
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
    return (
      this.bySpeaker.get(speakerKey(s)) ?? {
        name: s.speakerName,
        participantId: s.participantId,
        userId: s.userId,
      }
    );
  }
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
