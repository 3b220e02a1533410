# ctest -R install: cmake --install into a scratch prefix, then check the layout and that the
# installed executable runs an experiment that needs the installed data (self-repair) and finds
# the installed lessons.
set(prefix "${BUILD_DIR}/install-test")
file(REMOVE_RECURSE "${prefix}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}" RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed")
endif()
foreach(f bin/plasticity-lab share/applications/plasticity-lab.desktop
          share/icons/hicolor/scalable/apps/plasticity-lab.svg
          share/plasticity-lab/resources/data/mnist-14x14.plimg
          share/plasticity-lab/resources/data/spoken-digits.plimg
          share/plasticity-lab/resources/networks/knill-kersten.bif
          share/plasticity-lab/resources/lessons/4-self-repair.json)
  if(NOT EXISTS "${prefix}/${f}")
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()
execute_process(COMMAND "${prefix}/bin/plasticity-lab" run self-repair --seconds 1 --quiet --out "${prefix}/run"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT EXISTS "${prefix}/run/summary.json")
  message(FATAL_ERROR "the installed plasticity-lab did not run")
endif()
execute_process(COMMAND "${prefix}/bin/plasticity-lab" --lesson no-such-lesson
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT err MATCHES "there are: 1-em-through-stdp, 2-bayesian-network")
  message(FATAL_ERROR "the installed plasticity-lab does not list its lessons: ${err}")
endif()
