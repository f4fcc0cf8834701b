/**
 * The app's yes/no questions as in-app modals. A native <dialog> opened with showModal()
 * makes the rest of the page inert (the focus stays inside) and turns Escape into a
 * 'cancel' event, which each question answers with its own cancel answer.
 */
export type DiscardAnswer = 'save' | 'discard' | 'cancel';

interface Choice<T> {
  label: string;
  answer: T;
  testId: string;
  primary?: boolean;
}

interface Question<T> {
  /** Prefix of the element ids and the dialog's data-testid ("<key>-dialog"). */
  key: string;
  title: string;
  text: string;
  choices: ReadonlyArray<Choice<T>>;
  /** What Escape answers. */
  onEscape: T;
  /** The choice that has the focus when the dialog opens. */
  focus: T;
}

function ask<T>(question: Question<T>): Promise<T> {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'modal';
    dialog.setAttribute('aria-labelledby', `${question.key}-title`);
    dialog.setAttribute('aria-describedby', `${question.key}-text`);
    dialog.dataset.testid = `${question.key}-dialog`;

    const title = document.createElement('h2');
    title.id = `${question.key}-title`;
    title.textContent = question.title;
    const text = document.createElement('p');
    text.id = `${question.key}-text`;
    text.textContent = question.text;

    let done = false;
    const finish = (answer: T) => {
      if (done) return;
      done = true;
      dialog.close();
      dialog.remove();
      resolve(answer);
    };

    const buttons = document.createElement('div');
    buttons.className = 'modal-buttons';
    let focused: HTMLButtonElement | undefined;
    for (const choice of question.choices) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = choice.label;
      button.dataset.testid = choice.testId;
      if (choice.primary) button.className = 'primary';
      button.addEventListener('click', () => finish(choice.answer));
      buttons.append(button);
      if (choice.answer === question.focus) focused = button;
    }
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish(question.onEscape);
    });

    dialog.append(title, text, buttons);
    document.body.append(dialog);
    dialog.showModal();
    focused?.focus();
  });
}

/** The web host's "unsaved changes" question. */
export function askToDiscardChanges(displayName: string): Promise<DiscardAnswer> {
  return ask<DiscardAnswer>({
    key: 'discard',
    title: 'Save changes?',
    text: `“${displayName}” has changes that are not saved. Save them before going on?`,
    choices: [
      { label: 'Save', answer: 'save', testId: 'confirm-save', primary: true },
      { label: 'Don’t save', answer: 'discard', testId: 'confirm-discard' },
      { label: 'Cancel', answer: 'cancel', testId: 'confirm-cancel' },
    ],
    onEscape: 'cancel',
    focus: 'save',
  });
}

/** "The file changed on disk since you opened it. Overwrite / Cancel": true for Overwrite. Escape is Cancel. */
export function askToOverwrite(message: string): Promise<boolean> {
  return ask<boolean>({
    key: 'overwrite',
    title: 'Overwrite the file?',
    text: `${message} Overwrite it with this plan, or cancel and keep both as they are?`,
    choices: [
      { label: 'Overwrite', answer: true, testId: 'overwrite-confirm' },
      { label: 'Cancel', answer: false, testId: 'overwrite-cancel', primary: true },
    ],
    onEscape: false,
    focus: false,
  });
}
