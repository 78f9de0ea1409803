// Types of build/sign-linux.mjs (plain JavaScript, since electron-builder loads hooks with import()).
export default function signLinuxArtifacts(buildResult: { artifactPaths: string[] }, env?: NodeJS.ProcessEnv): Promise<string[]>;
