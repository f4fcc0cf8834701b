import { describe, expect, it } from 'vitest';
import { describeFileError, FileWriteError, isSystemError, type FileErrorAudience } from './file-errors';

const codes = [
  'ENOSPC',
  'ERR_SHORT_WRITE',
  'EDQUOT',
  'EFBIG',
  'EACCES',
  'ERR_READ_ONLY_FILE',
  'EROFS',
  'ENOENT',
  'ENOTDIR',
  'EISDIR',
  'ERR_NOT_A_FILE',
  'ELOOP',
  'ERR_UNSAFE_LINK',
  'ENAMETOOLONG',
  'EIO',
  'EBUSY',
  'EMFILE',
];
const failure = (code: string) => new FileWriteError('/plans/p.json', code, 'raw system text');

describe('describeFileError', () => {
  it.each<FileErrorAudience>(['app', 'command-line'])('words every code we know as a cause and a fix, for the %s', (audience) => {
    for (const code of codes) {
      const text = describeFileError(failure(code), audience);
      expect(text, code).not.toContain('raw system text');
      expect(text, code).toMatch(/^[a-z][^\n]*; [^\n]+$/);
    }
  });

  it('points the app at Save As and the command line at -o', () => {
    expect(describeFileError(failure('EACCES'), 'app')).toBe('you do not have permission to write there; choose another folder with Save As');
    expect(describeFileError(failure('EACCES'), 'command-line')).toBe(
      "you do not have permission to write there; check the folder's permissions or give -o a path in another folder",
    );
    expect(describeFileError(failure('ENOSPC'))).toBe('the disk is full; free some space or save somewhere else');
    expect(describeFileError(failure('ENOSPC'), 'command-line')).toBe('the disk is full; free some space or write somewhere else');
  });

  it('falls back to the first line of the message for a code it does not know', () => {
    expect(describeFileError(Object.assign(new Error('EWEIRD: odd\nsecond line'), { code: 'EWEIRD' }))).toBe('EWEIRD: odd');
    expect(describeFileError('plain')).toBe('plain');
  });
});

describe('isSystemError', () => {
  it('tells a Node system error from a bug and from our own FileWriteError', () => {
    expect(isSystemError(Object.assign(new Error('x'), { code: 'EACCES', syscall: 'open' }))).toBe(true);
    expect(isSystemError(new TypeError('x'))).toBe(false);
    expect(isSystemError(failure('EACCES'))).toBe(false);
  });
});
