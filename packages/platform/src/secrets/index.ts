export { dataDirSecret } from './dataDirSecret';
