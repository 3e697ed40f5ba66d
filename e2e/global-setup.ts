// One product instance with the demo data for the whole suite; specs read its URL from TAPELINE_URL.
import { startTapeline } from './support/tapeline-server';

export default async function globalSetup() {
  const tapeline = await startTapeline();
  process.env.TAPELINE_URL = tapeline.url;
  return () => tapeline.stop();
}
