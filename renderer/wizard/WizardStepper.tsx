import { useRef } from 'react';
import type { KeyboardEvent } from 'react';
import Step from '@mui/material/Step';
import StepButton from '@mui/material/StepButton';
import Stepper from '@mui/material/Stepper';
import { TESTIDS } from '../testids';
import { WIZARD_STEPS } from './steps';

export interface WizardStepperProps {
  active: number;
  completed: boolean[];
  /** Whether a step may be opened (completed steps and the first open one). */
  reachable: boolean[];
  onSelect: (index: number) => void;
}

/**
 * The step bar. Each reachable step is a button; Arrow keys (and Home/End) move focus between them like a
 * toolbar, Enter or Space opens the focused step.
 */
export default function WizardStepper({ active, completed, reachable, onSelect }: WizardStepperProps) {
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);

  const move = (from: number, delta: number) => {
    const n = WIZARD_STEPS.length;
    for (let i = 1; i <= n; i++) {
      const next = (from + delta * i + n * i) % n;
      if (reachable[next]) {
        buttons.current[next]?.focus();
        return;
      }
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const index = buttons.current.findIndex((b) => b === document.activeElement);
    if (index < 0) return;
    const keys: Record<string, () => void> = {
      ArrowRight: () => move(index, 1),
      ArrowDown: () => move(index, 1),
      ArrowLeft: () => move(index, -1),
      ArrowUp: () => move(index, -1),
      Home: () => move(WIZARD_STEPS.length - 1, 1),
      End: () => move(0, -1),
    };
    const handler = keys[e.key];
    if (handler) {
      e.preventDefault();
      handler();
    }
  };

  return (
    <Stepper
      nonLinear
      alternativeLabel
      activeStep={active}
      onKeyDown={onKeyDown}
      data-testid={TESTIDS.wizardStepper}
      aria-label="Setup steps"
      component="nav"
    >
      {WIZARD_STEPS.map((step, i) => (
        <Step key={step.key} completed={completed[i] ?? false} disabled={!reachable[i]}>
          <StepButton
            ref={(el) => {
              buttons.current[i] = el;
            }}
            onClick={() => onSelect(i)}
            tabIndex={i === active ? 0 : -1}
            aria-current={i === active ? 'step' : undefined}
            data-testid={TESTIDS.wizardStepButton(step.key)}
          >
            {step.label}
          </StepButton>
        </Step>
      ))}
    </Stepper>
  );
}
