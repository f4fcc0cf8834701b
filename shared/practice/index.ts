/** Guided practice: exercises generated from a seed, checked with the engine's CIDR maths. */
export type { CountExercise, CountQuestion, Exercise, ExerciseKind, Hint, LabelledBlock, OverlapExercise, SplitExercise } from './exercises';
export { EXERCISE_KINDS, generateExercise, nextSeed } from './exercises';
export type { AnswerCheck } from './check';
export { checkAnswer } from './check';
export type { Random } from './random';
export { createRandom, seedFromText } from './random';
