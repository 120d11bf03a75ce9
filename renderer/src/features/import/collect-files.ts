// Files from a drop: in Electron the shell reads dropped folders by path itself; in the
// browser, folders are walked here through the File System Entry API.
import { bridge } from '../../api/bridge';

export type PickedFile = File & { webkitRelativePath?: string; relativePath?: string };

export async function filesFromDrop(dt: DataTransfer): Promise<PickedFile[]> {
  if (bridge.shell === 'electron') return Array.from(dt.files);
  const entries = Array.from(dt.items)
    .map((i) => i.webkitGetAsEntry?.())
    .filter((e): e is FileSystemEntry => !!e);
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
  for (const e of entries) await walk(e, '');
  return out;
}

export const displayName = (f: PickedFile) => f.relativePath || f.webkitRelativePath || f.name;
