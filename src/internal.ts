export { safeNames } from "./optimize/names.js";
