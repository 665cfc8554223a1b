/**
 * `bottleneck/light.js` is the build of Bottleneck without clustering that
 * `@octokit/plugin-throttling` itself imports; its types are those of the full package.
 */
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
