export { AppError, ERROR_STATUS, parseOr400, installProblemHandler } from './errors';
