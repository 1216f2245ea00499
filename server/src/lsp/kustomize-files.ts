/** The files of the kustomizations an open YAML file belongs to: the workspace loader's, for the server. */
export { kustomizeFiles, searchRoot } from '../workspace/kustomize-files';
