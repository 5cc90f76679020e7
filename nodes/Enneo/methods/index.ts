export * as loadOptions from '../../enneoApi/loadOptions';
export * as listSearch from './listSearch';
