// Custom Elements Manifest of @bieumau/elements, generated from the class doc
// blocks (@summary, @tag, @slot, @fires, @csspart, @cssprop) and static properties.
// `npm run manifest -w packages/elements`; a test fails when the committed file drifts.

/** Internal reactive state (`declare protected`, `state: true`) is not API: drop its members and attributes. */
function hideInternalState() {
  return {
    name: 'bieumau-hide-internal-state',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const d of mod.declarations ?? []) {
          if (!d.customElement) continue;
          const hidden = new Set((d.members ?? []).filter((m) => m.privacy === 'private' || m.privacy === 'protected').map((m) => m.name));
          d.attributes = (d.attributes ?? []).filter((a) => !hidden.has(a.fieldName ?? a.name));
          // Events found in `dispatchEvent(new X(...))` calls are listed by @fires already, with their types.
          d.events = (d.events ?? []).filter((e) => e.description);
        }
      }
      // The analyzer lists modules in file-system order, which differs between machines: sort so a build never churns the committed file.
      customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [hideInternalState()],
};
