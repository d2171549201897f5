import { Router } from 'express';
import { actorOf, requireUser } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { parseDomainKey, parseUuid } from '../../http/params';
import { parseDto } from '../../http/validate';
import { acknowledgeRisk, reconfirmCertification } from './certification.service';
import { addGateRequirement, overrideRejection, removeGateRequirement } from './gate-requirements.service';
import {
  AcknowledgeRiskDto,
  GateAdditionDto,
  ReasonDto,
  ReconfirmDto,
  RecycleDto,
  OptionalReasonDto,
  SignOffDto,
  WaiverDto,
} from './gates.dto';
import { getGate } from './gates.service';
import {
  advanceDomain,
  holdDomain,
  recycleDomain,
  resumeDomain,
  revokeWaiver,
  waiveCriterion,
} from './lifecycle.service';
import { signOff, withdrawSignOff } from './signoffs.service';

/** /domains/:key gate, sign-offs and lifecycle actions; permissions are checked in the services. */
export function gatesRouter(deps: AppDeps): Router {
  const router = Router();
  router.use(requireUser);

  router.get('/:key/gate', async (req, res) => {
    res.json(await getGate(deps, actorOf(req), parseDomainKey(req.params.key)));
  });
  router.post('/:key/signoffs', async (req, res) => {
    const key = parseDomainKey(req.params.key);
    const signed = await signOff(deps, actorOf(req), key, parseDto(SignOffDto, req.body));
    // A sign-off has no URL of its own: the gate it counts towards.
    res.status(201).location(`/api/v1/domains/${key}/gate`).json(signed);
  });
  router.post('/:key/signoffs/:id/withdraw', async (req, res) => {
    const key = parseDomainKey(req.params.key);
    const reason = parseDto(OptionalReasonDto, req.body ?? {}).reason?.trim() ?? '';
    res.json(await withdrawSignOff(deps, actorOf(req), key, parseUuid(req.params.id, 'Sign-off'), reason));
  });
  router.post('/:key/advance', async (req, res) => {
    res.json(await advanceDomain(deps, actorOf(req), parseDomainKey(req.params.key)));
  });
  router.post('/:key/recycle', async (req, res) => {
    const key = parseDomainKey(req.params.key);
    const body = parseDto(RecycleDto, req.body);
    res.json(await recycleDomain(deps, actorOf(req), key, body.toPhase, body.reason.trim()));
  });
  router.post('/:key/hold', async (req, res) => {
    const key = parseDomainKey(req.params.key);
    res.json(await holdDomain(deps, actorOf(req), key, parseDto(ReasonDto, req.body).reason.trim()));
  });
  router.post('/:key/resume', async (req, res) => {
    const key = parseDomainKey(req.params.key);
    res.json(await resumeDomain(deps, actorOf(req), key, parseDto(OptionalReasonDto, req.body).reason?.trim() || undefined));
  });
  router.post('/:key/waivers', async (req, res) => {
    const key = parseDomainKey(req.params.key);
    const body = parseDto(WaiverDto, req.body);
    const waiver = await waiveCriterion(deps, actorOf(req), key, body.criterion, body.reason.trim());
    res.status(201).location(`/api/v1/domains/${key}/waivers/${waiver.id}`).json(waiver);
  });
  router.delete('/:key/waivers/:id', async (req, res) => {
    await revokeWaiver(deps, actorOf(req), parseDomainKey(req.params.key), parseUuid(req.params.id, 'Waiver'));
    res.status(204).end();
  });
  router.post('/:key/signoffs/:id/override', async (req, res) => {
    const key = parseDomainKey(req.params.key);
    const reason = parseDto(ReasonDto, req.body).reason.trim();
    res.json(await overrideRejection(deps, actorOf(req), key, parseUuid(req.params.id, 'Sign-off'), reason));
  });
  router.post('/:key/gate/additions', async (req, res) => {
    const key = parseDomainKey(req.params.key);
    const body = parseDto(GateAdditionDto, req.body);
    const addition = await addGateRequirement(deps, actorOf(req), key, { ...body, reason: body.reason.trim() });
    res.status(201).location(`/api/v1/domains/${key}/gate/additions/${addition.id}`).json(addition);
  });
  router.delete('/:key/gate/additions/:id', async (req, res) => {
    const key = parseDomainKey(req.params.key);
    const reason = parseDto(ReasonDto, req.body ?? {}).reason.trim();
    await removeGateRequirement(deps, actorOf(req), key, parseUuid(req.params.id, 'Gate addition'), reason);
    res.status(204).end();
  });
  router.post('/:key/risk/acknowledge', async (req, res) => {
    const key = parseDomainKey(req.params.key);
    res.json(await acknowledgeRisk(deps, actorOf(req), key, parseDto(AcknowledgeRiskDto, req.body).note.trim()));
  });
  router.post('/:key/reconfirm', async (req, res) => {
    const key = parseDomainKey(req.params.key);
    const comment = parseDto(ReconfirmDto, req.body ?? {}).comment?.trim() ?? '';
    res.json(await reconfirmCertification(deps, actorOf(req), key, comment));
  });
  return router;
}
