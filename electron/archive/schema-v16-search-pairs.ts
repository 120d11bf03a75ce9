// Schema migration 16: the index of adjacent word pairs (archive/search-pairs.ts), so that a
// phrase is one doclist lookup. The migration only creates it: an archive of a million
// documents takes minutes to fill it, so the app fills it in the background from
// search_pairs_fill.next_rowid (resumable: each batch commits with its position), and
// phrases are searched in the word index as before until it is done.
import type { Migration } from './migration';
import { PAIR_TABLE_SQL } from './search-pairs';

export const migrationV16: Migration = {
  version: 16,
  name: 'Word-pair index for phrase search',
  up: (db) => {
    db.exec(PAIR_TABLE_SQL);
    db.exec('CREATE TABLE search_pairs_fill (next_rowid INTEGER)');
    // an archive with nothing indexed yet has nothing to fill
    db.exec('INSERT INTO search_pairs_fill VALUES (CASE WHEN EXISTS (SELECT 1 FROM documents_fts) THEN 0 END)');
  },
};
