export { foldCase } from './fold-case';
export { AMBIGUOUS_CLASS_FOLDS, deriveSimpleCaseFolding, type CaseFoldingMap } from './derive-simple-case-folding';
export { SIMPLE_CASE_FOLDING_RUNS, SIMPLE_CASE_FOLDING_UNICODE_VERSION } from './simple-case-folding';
