// Files from a drop: in Electron the shell reads dropped folders by path itself; in the
// browser, folders are walked here through the File System Entry API, and a drop that gives
// only a plain file list (no entries) is taken as that list.
import { bridge } from '../../api/bridge';

export type PickedFile = File & { webkitRelativePath?: string; relativePath?: string };

export async function filesFromDrop(dt: DataTransfer): Promise<PickedFile[]> {
  const plain = Array.from(dt.files ?? []);
  if (bridge.shell === 'electron') return plain;
  // some browsers (and drops from some file managers) give a plain file list and no entries:
  // take the files as given rather than nothing
  const entries = Array.from(dt.items ?? [])
    .map((i) => i.webkitGetAsEntry?.())
    .filter((e): e is FileSystemEntry => !!e);
  if (!entries.length) return plain;
  const out: PickedFile[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej));
      out.push(Object.assign(file, { relativePath: prefix + file.name }));
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      let batch: FileSystemEntry[];
      const children: FileSystemEntry[] = [];
      do {
        batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
        children.push(...batch);
      } while (batch.length);
      children.sort((a, b) => a.name.localeCompare(b.name, 'vi', { numeric: true }));
      for (const c of children) if (!c.name.startsWith('.')) await walk(c, `${prefix}${entry.name}/`);
    }
  };
  try {
    for (const e of entries) await walk(e, '');
  } catch {
    // an entry the browser will not read (permissions, a vanished file): the plain list still holds the files dropped
    return out.length >= plain.length ? out : plain;
  }
  return out;
}

export const displayName = (f: PickedFile) => f.relativePath || f.webkitRelativePath || f.name;
