/** Full-SHA pins of docker/setup-qemu-action by major version (the newest release of that major we know). */
const QEMU_PINS: Readonly<Record<string, { sha: string; version: string }>> = {
  '4': { sha: 'ce360397dd3f832beb865e1373c09c0e9f86d70a', version: 'v4.0.0' },
  '3': { sha: 'c7c53464625b32c7a7e944ae62b3e17d2b600130', version: 'v3.7.0' },
};
const LATEST_MAJOR = '4';

/** Known full-SHA pins of docker/setup-buildx-action → their major version. */
const BUILDX_PIN_MAJOR: Readonly<Record<string, string>> = {
  '4d04d5d9486b7bd6fa91e7baf45bbb4f8b9deedd': '4',
  '8d2750c68a42422c14e847fe6c8ac0403b4cbd6f': '3',
  e468171a9de216ec08956ac3ada2f0791b6bd435: '3',
};

/** The `uses:` value (and trailing comment) for docker/setup-qemu-action. */
export interface QemuRef {
  uses: string;
  /** Text after the value on the same line, e.g. " # v4.0.0"; '' for none. */
  comment: string;
}

/**
 * Picks the docker/setup-qemu-action reference that matches how the file refers to
 * docker/setup-buildx-action: the same major, and the same style — a major tag (`@v3`), a full
 * version (`@v3.7.0`) or a full commit SHA (with a version comment when the buildx line has one).
 * Without a buildx step, `pinned` says whether the file pins its actions by commit SHA.
 */
export function qemuActionRef(buildxUses: string | null, buildxComment: string, pinned = false): QemuRef {
  if (buildxUses === null) {
    const pin = QEMU_PINS[LATEST_MAJOR];
    return pinned && pin ? { uses: `docker/setup-qemu-action@${pin.sha}`, comment: ` # ${pin.version}` } : { uses: `docker/setup-qemu-action@v${LATEST_MAJOR}`, comment: '' };
  }
  const ref = buildxUses?.split('@')[1]?.trim() ?? '';
  const commentMajor = /v(\d+)/.exec(buildxComment)?.[1];
  if (/^[0-9a-f]{40}$/.test(ref)) {
    const major = BUILDX_PIN_MAJOR[ref] ?? commentMajor ?? LATEST_MAJOR;
    const pin = QEMU_PINS[major] ?? QEMU_PINS[LATEST_MAJOR];
    if (!pin) return { uses: `docker/setup-qemu-action@v${LATEST_MAJOR}`, comment: '' };
    const comment = buildxComment.trim() === '' ? '' : mirrorComment(buildxComment, pin.version);
    return { uses: `docker/setup-qemu-action@${pin.sha}`, comment };
  }
  const tag = /^v(\d+)(\.\d+)*$/.exec(ref);
  if (tag?.[1]) {
    const major = tag[1];
    const full = tag[2] !== undefined && QEMU_PINS[major] ? (QEMU_PINS[major]?.version ?? `v${major}`) : `v${major}`;
    return { uses: `docker/setup-qemu-action@${full}`, comment: buildxComment.trim() === '' ? '' : mirrorComment(buildxComment, full) };
  }
  return { uses: `docker/setup-qemu-action@v${LATEST_MAJOR}`, comment: '' };
}

/** Rewrites a version comment such as " # v4.0.0" or "  # ratchet:docker/setup-buildx-action@v3" for QEMU. */
function mirrorComment(comment: string, version: string): string {
  const precise = /v\d+\.\d+/.test(comment);
  const wanted = precise ? version : (/^v\d+/.exec(version)?.[0] ?? version);
  return comment.replace(/setup-buildx-action/g, 'setup-qemu-action').replace(/v\d+(\.\d+)*/, wanted);
}
