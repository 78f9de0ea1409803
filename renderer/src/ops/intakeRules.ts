// The agency's rules for the intake that the screens validate live with (agencia.json): the
// format of the foreigner code. The core checks the same values again with the same rules.
import { useCall } from '../api/useCall';

/** The configured format of the foreigner code; undefined until known, or when not configured (the domain's default). */
export function useForeignerCodePattern(): string | undefined {
  const rules = useCall('config.intakeRules', {}, { refetchOnMount: false });
  return rules.data?.foreignerCodePattern ?? undefined;
}
