/**
 * The app's yes/no questions as in-app modals. A native <dialog> opened with showModal()
 * makes the rest of the page inert (the focus stays inside) and turns Escape into a
 * 'cancel' event, which each question answers with its own cancel answer.
 */
import { fileNameProblem, PLAN_SUFFIX, withPlanSuffix } from './save-flow';

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

/**
 * The web build's Save As, where the browser has no save picker (the download would
 * otherwise be named for the user): a name, with the plan suffix added. Resolves the full
 * file name, or undefined for Cancel and Escape.
 */
export function askForFileName(suggested: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'modal';
    dialog.setAttribute('aria-labelledby', 'save-name-title');
    dialog.dataset.testid = 'save-name-dialog';

    const title = document.createElement('h2');
    title.id = 'save-name-title';
    title.textContent = 'Save the plan';
    const form = document.createElement('form');
    form.method = 'dialog';
    const field = document.createElement('div');
    field.className = 'field';
    const label = document.createElement('label');
    label.htmlFor = 'save-name-input';
    label.textContent = 'File name';
    const row = document.createElement('div');
    row.className = 'field-row';
    const input = document.createElement('input');
    input.id = 'save-name-input';
    input.dataset.testid = 'save-name-input';
    input.autocomplete = 'off';
    input.spellcheck = false;
    input.value = suggested.toLowerCase().endsWith(PLAN_SUFFIX) ? suggested.slice(0, -PLAN_SUFFIX.length) : suggested;
    input.setAttribute('aria-describedby', 'save-name-hint');
    const suffix = document.createElement('span');
    suffix.className = 'muted mono';
    suffix.textContent = PLAN_SUFFIX;
    suffix.setAttribute('aria-hidden', 'true');
    row.append(input, suffix);
    const hint = document.createElement('div');
    hint.id = 'save-name-hint';
    hint.className = 'field-hint';
    hint.textContent = `Saved to your downloads as a ${PLAN_SUFFIX} file.`;
    const error = document.createElement('div');
    error.className = 'field-error';
    error.setAttribute('role', 'alert');
    error.dataset.testid = 'save-name-error';
    field.append(label, row, hint, error);

    let done = false;
    const finish = (name: string | undefined) => {
      if (done) return;
      done = true;
      dialog.close();
      dialog.remove();
      resolve(name);
    };
    const buttons = document.createElement('div');
    buttons.className = 'modal-buttons';
    const save = document.createElement('button');
    save.type = 'submit';
    save.className = 'primary';
    save.textContent = 'Save';
    save.dataset.testid = 'save-name-confirm';
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.textContent = 'Cancel';
    cancel.dataset.testid = 'save-name-cancel';
    cancel.addEventListener('click', () => finish(undefined));
    buttons.append(save, cancel);

    const check = (): string | undefined => {
      const problem = fileNameProblem(withPlanSuffix(input.value));
      error.textContent = problem ?? '';
      input.setAttribute('aria-invalid', problem ? 'true' : 'false');
      return problem;
    };
    input.addEventListener('input', check);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!check()) finish(withPlanSuffix(input.value));
      else input.focus();
    });
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish(undefined);
    });

    form.append(field, buttons);
    dialog.append(title, form);
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
    input.select();
  });
}
