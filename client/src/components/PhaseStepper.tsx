import { DOMAIN_STAGES, type DomainStage } from '@shared/api/enums';
import { PHASE_INFO } from '@shared/workflow/definition';

interface PhaseStepperProps {
  stage: DomainStage;
}

/** The five phases plus certified, with where the domain stands. */
export function PhaseStepper({ stage }: PhaseStepperProps) {
  const current = DOMAIN_STAGES.indexOf(stage);
  return (
    <nav aria-label="Lifecycle">
      <ol className="stepper" data-testid="phase-stepper">
        {DOMAIN_STAGES.map((s, index) => {
          const state = index < current ? 'done' : index === current ? 'current' : 'todo';
          return (
            <li
              key={s}
              className={`stepper-step stepper-${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
              title={PHASE_INFO[s].description}
              data-stage={s}
            >
              <span className="stepper-index" aria-hidden="true">
                {state === 'done' ? '✓' : s === 'certified' ? '★' : index + 1}
              </span>
              <span className="stepper-label">
                {PHASE_INFO[s].label}
                <span className="visually-hidden">
                  {state === 'done' ? ' (passed)' : state === 'current' ? ' (current)' : ''}
                </span>
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
