// POST /api/v1/plans/:planId/funding-rules, PUT and DELETE /api/v1/funding-rules/:ruleId (each with
// the version seen, If-Match): a plan's funding rules kept by an admin; each answers the plan.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FundingRuleInput, PlanView } from '@tuowei/shared';
import { apiSend } from '../../../lib/api-client.ts';
import { changed } from '../../../lib/query-keys.ts';

export function createFundingRule({ planId, input }: { planId: string; input: FundingRuleInput }): Promise<PlanView> {
  return apiSend<PlanView>('POST', `/api/v1/plans/${encodeURIComponent(planId)}/funding-rules`, { body: input });
}

export function updateFundingRule({
  ruleId,
  version,
  input,
}: {
  ruleId: string;
  version: number;
  input: FundingRuleInput;
}): Promise<PlanView> {
  return apiSend<PlanView>('PUT', `/api/v1/funding-rules/${encodeURIComponent(ruleId)}`, {
    body: input,
    ifMatch: version,
  });
}

export function deleteFundingRule({ ruleId, version }: { ruleId: string; version: number }): Promise<PlanView> {
  return apiSend<PlanView>('DELETE', `/api/v1/funding-rules/${encodeURIComponent(ruleId)}`, { ifMatch: version });
}

const useRuleMutation = <Input>(mutationFn: (input: Input) => Promise<PlanView>) => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => changed(queryClient, 'plans') });
};

export const useCreateFundingRule = () => useRuleMutation(createFundingRule);
export const useUpdateFundingRule = () => useRuleMutation(updateFundingRule);
export const useDeleteFundingRule = () => useRuleMutation(deleteFundingRule);
