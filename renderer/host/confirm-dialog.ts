/**
 * The web host's "unsaved changes" question, as an in-app modal. A native <dialog> opened
 * with showModal() makes the rest of the page inert (the focus stays inside) and turns
 * Escape into a 'cancel' event, which we answer as Cancel.
 */
export type DiscardAnswer = 'save' | 'discard' | 'cancel';

export function askToDiscardChanges(displayName: string): Promise<DiscardAnswer> {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'modal';
    dialog.setAttribute('aria-labelledby', 'discard-title');
    dialog.setAttribute('aria-describedby', 'discard-text');
    dialog.dataset.testid = 'discard-dialog';

    const title = document.createElement('h2');
    title.id = 'discard-title';
    title.textContent = 'Save changes?';
    const text = document.createElement('p');
    text.id = 'discard-text';
    text.textContent = `“${displayName}” has changes that are not saved. Save them before going on?`;

    const buttons = document.createElement('div');
    buttons.className = 'modal-buttons';
    const make = (label: string, answer: DiscardAnswer, primary = false) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = label;
      button.dataset.testid = `confirm-${answer}`;
      if (primary) button.className = 'primary';
      button.addEventListener('click', () => finish(answer));
      buttons.append(button);
      return button;
    };
    const save = make('Save', 'save', true);
    make('Don’t save', 'discard');
    make('Cancel', 'cancel');

    let done = false;
    const finish = (answer: DiscardAnswer) => {
      if (done) return;
      done = true;
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish('cancel');
    });

    dialog.append(title, text, buttons);
    document.body.append(dialog);
    dialog.showModal();
    save.focus();
  });
}

/** "The file changed on disk since you opened it. Overwrite / Cancel": true for Overwrite. Escape is Cancel. */
export function askToOverwrite(message: string): Promise<boolean> {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'modal';
    dialog.setAttribute('aria-labelledby', 'overwrite-title');
    dialog.setAttribute('aria-describedby', 'overwrite-text');
    dialog.dataset.testid = 'overwrite-dialog';
    const title = document.createElement('h2');
    title.id = 'overwrite-title';
    title.textContent = 'Overwrite the file?';
    const text = document.createElement('p');
    text.id = 'overwrite-text';
    text.textContent = `${message} Overwrite it with this plan, or cancel and keep both as they are?`;
    const buttons = document.createElement('div');
    buttons.className = 'modal-buttons';
    let done = false;
    const finish = (answer: boolean) => {
      if (done) return;
      done = true;
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    const make = (label: string, answer: boolean, testId: string) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = label;
      button.dataset.testid = testId;
      button.addEventListener('click', () => finish(answer));
      buttons.append(button);
      return button;
    };
    make('Overwrite', true, 'overwrite-confirm');
    const cancel = make('Cancel', false, 'overwrite-cancel');
    cancel.className = 'primary';
    dialog.addEventListener('cancel', (event) => { event.preventDefault(); finish(false); });
    dialog.append(title, text, buttons);
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
