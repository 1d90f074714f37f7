export {
  AppError,
  ERROR_STATUS,
  parseOr400,
  installProblemHandler,
  quietRequestLogs,
} from './errors';
