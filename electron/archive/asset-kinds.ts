// The kinds of file an archive URL names (/archive/<kind>/<id>): a leaf module, so the Electron
// shell's URL parsing does not bundle the archive's queries (and SQLite) into the main process.
export type AssetKind = 'file' | 'thumb' | 'preview' | 'signed' | 'clean' | 'searchable';
export const ASSET_KINDS: AssetKind[] = ['file', 'thumb', 'preview', 'signed', 'clean', 'searchable'];
