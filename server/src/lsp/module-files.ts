/** The other files of a Terraform module and of the local modules it calls: the workspace loader's, for the server. */
export { moduleSiblings } from '../workspace/module-files';
