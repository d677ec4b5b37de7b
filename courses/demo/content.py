"""Demo content for Tertulia: two courses, their people and the interlearning groups.

Data only, no Django code: the seed command turns these structures into Wagtail pages, users,
cohorts and groups. Every text here was written for this project by the course team; the readings
are original short essays, and quotes are attributed to generic participants or to principles.

Lesson bodies are lists of (block_type, value) pairs matching the LessonPage StreamField blocks:
heading, paragraph, reading, quote, callout, activity, reflection_prompt, discussion_prompt.
"""

from __future__ import annotations

COURSE_ES: dict = {
    "title": "Innovación en Educación y Comunidades de Aprendizaje",
    "slug": "innovacion-educacion-comunidades-aprendizaje",
    "subtitle": "Especialización para líderes educativos de UGEL en el enfoque dialógico",
    "summary": (
        "<p>Especialización para líderes educativos de las UGEL que acompañan a escuelas rurales de los "
        "Andes y de la Amazonía. Durante seis meses, de abril a septiembre, aprendemos el enfoque dialógico "
        "practicándolo: leemos, conversamos en tertulias, trabajamos en grupos de interaprendizaje y "
        "llevamos lo aprendido a las instituciones educativas de nuestra jurisdicción.</p><p>El curso está "
        "pensado para conexiones lentas: cada sesión se puede leer desde el celular, las actividades se "
        "pueden hacer sin conexión y cada encuentro en vivo deja un acta para quien no pudo estar.</p>"
    ),
    "hours": 120,
    "modules": [
        {
            "title": "El enfoque dialógico y sus siete principios",
            "slug": "enfoque-dialogico-siete-principios",
            "intro": (
                "<p>Empezamos por las bases: qué entendemos por aprendizaje dialógico, de dónde viene y "
                "cuáles son los siete principios que orientan todas las actuaciones que veremos en el curso. "
                "Este módulo también es el momento de conocernos como cohorte.</p>"
            ),
            "release_offset_days": 0,
            "lessons": [
                {
                    "title": "Aprender en diálogo: punto de partida",
                    "slug": "aprender-en-dialogo",
                    "minutes": 45,
                    "body": [
                        ("heading", "Bienvenida a la especialización"),
                        (
                            "paragraph",
                            (
                                "<p>Durante los próximos meses vamos a aprender de la misma manera en que "
                                "esperamos que aprendan las niñas y los niños de nuestras escuelas: "
                                "<strong>conversando, argumentando y ayudándonos</strong>. Antes de hablar "
                                "de técnicas, te proponemos leer un texto breve escrito por el equipo del "
                                "curso. Léelo con calma, subraya el párrafo que más te interpele y anota su "
                                "número: lo usaremos en el foro y en nuestro primer encuentro en vivo.</p>"
                            ),
                        ),
                        (
                            "reading",
                            {
                                "title": "Nadie aprende solo",
                                "author": "Equipo del curso",
                                "source": (
                                    "Lecturas de la especialización, módulo 1 (texto original del curso)"
                                ),
                                "paragraphs": [
                                    (
                                        "Durante mucho tiempo se pensó que aprender era un asunto "
                                        "individual: una persona frente a un contenido, un docente que "
                                        "explica y un estudiante que escucha. Esa imagen todavía organiza "
                                        "muchas de nuestras aulas y también muchas de nuestras "
                                        "capacitaciones. Sin embargo, lo que sabemos hoy sobre el "
                                        "aprendizaje apunta en otra dirección: aprendemos en interacción con "
                                        "otras personas, y la calidad de esas interacciones marca la "
                                        "diferencia."
                                    ),
                                    (
                                        "El aprendizaje dialógico parte de esa constatación. No se trata de "
                                        "conversar por conversar, sino de construir conocimiento a partir de "
                                        "argumentos que se escuchan, se contrastan y se mejoran entre todos. "
                                        "En un diálogo así, la niña que resuelve un problema con su "
                                        "compañero aprende tanto como el compañero al que ayuda, porque "
                                        "ambos tienen que poner en palabras lo que piensan."
                                    ),
                                    (
                                        "Este enfoque no nació en una oficina. Se fue construyendo en "
                                        "escuelas y comunidades que decidieron abrir sus puertas a las "
                                        "familias, a los vecinos y a personas voluntarias, y que comprobaron "
                                        "que más personas adultas interactuando con los estudiantes, con "
                                        "altas expectativas, multiplican las oportunidades de aprender. "
                                        "Muchas de esas experiencias ocurrieron en contextos de pobreza, "
                                        "donde se suponía que no era posible esperar buenos resultados."
                                    ),
                                    (
                                        "Para quienes trabajamos en una UGEL, esta idea tiene una "
                                        "consecuencia directa. Si el aprendizaje depende de las "
                                        "interacciones, nuestra tarea no se reduce a transmitir normas o a "
                                        "verificar que se cumplan. También consiste en crear condiciones "
                                        "para que docentes, directivos y familias dialoguen sobre lo que "
                                        "pasa en las aulas y decidan juntos cómo mejorarlo."
                                    ),
                                    (
                                        "En las escuelas rurales de los Andes y de la Amazonía, el diálogo "
                                        "tiene además un valor particular. Allí conviven lenguas, saberes y "
                                        "formas de organizarse que la escuela a veces ignora. Cuando una "
                                        "madre explica cómo su comunidad calcula una cosecha o cómo se "
                                        "reparte el trabajo en una faena, está aportando conocimiento, no "
                                        "solo buena voluntad."
                                    ),
                                    (
                                        "A lo largo del curso veremos actuaciones concretas: tertulias, "
                                        "grupos interactivos, comunidades de aprendizaje, grupos de "
                                        "interaprendizaje. Todas comparten una misma base de principios. Te "
                                        "invitamos a leerlas no como recetas, sino como formas de organizar "
                                        "el encuentro entre personas para que nadie se quede atrás y para "
                                        "que cada voz sea escuchada por la fuerza de sus razones."
                                    ),
                                ],
                            },
                        ),
                        (
                            "quote",
                            {
                                "text": (
                                    "Yo pensaba que dialogar era dejar que todos hablen. En el curso entendí "
                                    "que es algo más exigente: es dar razones y cambiar de opinión cuando el "
                                    "otro tiene un argumento mejor."
                                ),
                                "attribution": "Participante de la edición 2020",
                            },
                        ),
                        (
                            "reflection_prompt",
                            {
                                "prompt": (
                                    "Recuerda una reunión reciente en tu UGEL o en una institución "
                                    "educativa. ¿Quién habló más, quién no habló y por qué? ¿Qué habría "
                                    "cambiado si todas las voces hubieran contado por igual?"
                                ),
                            },
                        ),
                    ],
                },
                {
                    "title": "Los siete principios del aprendizaje dialógico",
                    "slug": "siete-principios",
                    "minutes": 60,
                    "body": [
                        ("heading", "Siete principios, una misma apuesta"),
                        (
                            "paragraph",
                            (
                                "<p>Los principios del aprendizaje dialógico no son una lista para "
                                "memorizar: son criterios que nos ayudan a revisar cualquier práctica "
                                "educativa, desde una sesión de aula hasta una reunión de trabajo colegiado "
                                "en la UGEL. Aquí los presentamos en breve:</p><ul><li><strong>Diálogo "
                                "igualitario:</strong> un aporte vale por la validez de sus argumentos, no "
                                "por el cargo o la posición de quien lo dice.</li><li><strong>Inteligencia "
                                "cultural:</strong> todas las personas tienen capacidades desarrolladas en "
                                "su vida y en su cultura, académicas, prácticas y comunicativas, que pueden "
                                "aportar al aprendizaje.</li><li><strong>Transformación:</strong> la "
                                "educación no se limita a adaptarse al contexto; puede transformar las "
                                "condiciones que generan desigualdad.</li><li><strong>Dimensión "
                                "instrumental:</strong> el diálogo no reemplaza los aprendizajes académicos, "
                                "los hace más sólidos. Leer, escribir y razonar matemáticamente son "
                                "derechos.</li><li><strong>Creación de sentido:</strong> aprender cobra "
                                "sentido cuando la escuela reconoce la identidad de cada estudiante y la "
                                "conecta con su proyecto de vida.</li><li><strong>Solidaridad:</strong> las "
                                "prácticas buscan el éxito de todas y todos, no solo de quienes ya van "
                                "bien.</li><li><strong>Igualdad de diferencias:</strong> el derecho a ser "
                                "diferente va unido al derecho a recibir una educación de la misma "
                                "calidad.</li></ul>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "tone": "tip",
                                "text": (
                                    "<p>Una pregunta útil para cualquier situación: <em>¿qué principio se "
                                    "está cumpliendo aquí y cuál se está dejando de lado?</em> Casi siempre "
                                    "encontramos ambos, y eso está bien: los principios orientan, no "
                                    "juzgan.</p>"
                                ),
                            },
                        ),
                        (
                            "activity",
                            {
                                "title": "Los principios en mi semana",
                                "minutes": 30,
                                "instructions": (
                                    "<p>Elige tres situaciones reales de tu última semana de trabajo: una "
                                    "visita a una institución educativa, una reunión, una comunicación con "
                                    "directivos. Para cada una:</p><ul><li>Describe brevemente lo que pasó, "
                                    "sin nombres.</li><li>Identifica qué principio estuvo presente y cuál "
                                    "estuvo ausente.</li><li>Escribe una acción pequeña que habría "
                                    "fortalecido el principio ausente.</li></ul><p>Puedes hacerlo en tu "
                                    "cuaderno y tomarle una foto si no tienes conexión estable.</p>"
                                ),
                            },
                        ),
                        (
                            "discussion_prompt",
                            {
                                "prompt": (
                                    "¿Cuál de los siete principios te parece más difícil de practicar en tu "
                                    "UGEL y por qué? Comparte un ejemplo concreto antes de leer los aportes "
                                    "de tus colegas."
                                ),
                                "post_first": True,
                            },
                        ),
                    ],
                },
                {
                    "title": "Diálogo igualitario: razones antes que jerarquías",
                    "slug": "dialogo-igualitario",
                    "minutes": 40,
                    "body": [
                        ("heading", "Cuando el cargo pesa más que el argumento"),
                        (
                            "paragraph",
                            (
                                "<p>En nuestras instituciones es habitual que una propuesta se acepte porque "
                                "viene de la dirección, del especialista o de la jefatura, y que otra se "
                                "descarte porque la plantea un docente contratado o una madre de familia. En "
                                "el enfoque dialógico distinguimos entre dos tipos de pretensiones: las de "
                                "<strong>validez</strong>, que buscan convencer con argumentos, y las de "
                                "<strong>poder</strong>, que buscan imponer desde la posición que se "
                                "ocupa.</p><p>Practicar el diálogo igualitario no significa que todas las "
                                "opiniones den lo mismo ni que desaparezcan las responsabilidades de cada "
                                "cargo. Significa que, al momento de decidir cómo mejorar los aprendizajes, "
                                "escuchamos las razones de todas las personas y estamos dispuestos a cambiar "
                                "de postura si alguien ofrece un argumento mejor.</p><p>En la práctica, el "
                                "diálogo igualitario se reconoce en detalles: quién abre la reunión, quién "
                                "escribe el acta, si a las familias se les pregunta en su lengua, si la "
                                "opinión del docente de la escuela más alejada pesa tanto como la del "
                                "director de la escuela de la capital de provincia. También se reconoce en "
                                "cómo se responde a un desacuerdo: con razones o con recordatorios de quién "
                                "manda.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "tone": "warning",
                                "text": (
                                    "<p>Cuidado con el falso diálogo: convocar a las familias solo para "
                                    "informarles decisiones ya tomadas, o pedir opiniones que luego nadie "
                                    "recoge, erosiona la confianza más que no convocar.</p>"
                                ),
                            },
                        ),
                        (
                            "activity",
                            {
                                "title": "Observar una reunión",
                                "minutes": 25,
                                "instructions": (
                                    "<p>En la próxima reunión en la que participes, anota discretamente "
                                    "quién toma la palabra, cuántas veces y si sus propuestas se discuten "
                                    "por sus argumentos o se aceptan por quién las dice. No evalúes a nadie: "
                                    "solo observa. Luego responde la reflexión de esta sesión.</p>"
                                ),
                            },
                        ),
                        (
                            "reflection_prompt",
                            {
                                "prompt": (
                                    "¿En qué momentos de tu trabajo sueles recurrir, aunque sea sin querer, "
                                    "a una pretensión de poder en lugar de una de validez? ¿Qué podrías "
                                    "hacer distinto la próxima vez?"
                                ),
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Tertulias dialógicas y tertulias pedagógicas",
            "slug": "tertulias-dialogicas",
            "intro": (
                "<p>La tertulia es quizá la actuación dialógica más conocida. En este módulo aprenderemos a "
                "participar en ella y a moderarla, empezando por nuestra propia tertulia pedagógica sobre un "
                "texto escrito para el curso.</p>"
            ),
            "release_offset_days": 28,
            "lessons": [
                {
                    "title": "La tertulia pedagógica dialógica",
                    "slug": "tertulia-pedagogica",
                    "minutes": 60,
                    "body": [
                        ("heading", "Leer juntos para pensar mejor"),
                        (
                            "paragraph",
                            (
                                "<p>En una tertulia dialógica las personas leen un mismo texto antes del "
                                "encuentro, eligen un fragmento que les llamó la atención y explican por "
                                "qué. Cuando el texto es de carácter científico o pedagógico y quienes "
                                "participan son docentes, hablamos de <strong>tertulia pedagógica "
                                "dialógica</strong>. Lee el texto siguiente antes de nuestro encuentro en "
                                "vivo.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "tone": "info",
                                "text": (
                                    "<p><strong>Para preparar tu participación:</strong> elige un párrafo, "
                                    "anota su número y escribe en dos o tres líneas por qué lo elegiste. En "
                                    "el encuentro citarás siempre el número de párrafo.</p>"
                                ),
                            },
                        ),
                        (
                            "reading",
                            {
                                "title": "Lo que cambia cuando todas las voces cuentan",
                                "author": "Equipo del curso",
                                "source": "Texto original para la tertulia pedagógica del módulo 2",
                                "paragraphs": [
                                    (
                                        "Toda escuela enseña algo más que contenidos: enseña quién tiene "
                                        "derecho a hablar. Cuando un niño aprende que sus preguntas "
                                        "incomodan, deja de hacerlas. Cuando una madre percibe que en las "
                                        "reuniones solo se le pide firmar, deja de asistir. Ese aprendizaje "
                                        "silencioso pesa tanto como cualquier competencia del currículo."
                                    ),
                                    (
                                        "Quienes estudian el aprendizaje coinciden en un punto: el "
                                        "rendimiento mejora cuando aumentan las interacciones de calidad "
                                        "entre estudiantes, y entre estudiantes y personas adultas. No basta "
                                        "con más horas de clase ni con más materiales. Lo decisivo es "
                                        "cuántas oportunidades tiene cada estudiante de explicar, preguntar, "
                                        "equivocarse y volver a intentarlo con ayuda de otros."
                                    ),
                                    (
                                        "Una interacción es de calidad cuando se apoya en argumentos y no en "
                                        "la autoridad. Si una estudiante corrige al docente con buenas "
                                        "razones y el docente lo reconoce, todo el grupo aprende que el "
                                        "conocimiento se construye y se revisa. Si, en cambio, la razón "
                                        "siempre la tiene quien está adelante, el grupo aprende a esperar "
                                        "instrucciones."
                                    ),
                                    (
                                        "Las altas expectativas son otra condición. Con frecuencia, sin "
                                        "darnos cuenta, ajustamos a la baja lo que esperamos de estudiantes "
                                        "de zonas rurales, de familias que hablan quechua, aimara o una "
                                        "lengua amazónica, o de quienes llegan con rezago. Esa rebaja, que "
                                        "suele presentarse como comprensión, termina confirmando la "
                                        "desigualdad que pretendía aliviar."
                                    ),
                                    (
                                        "Elevar las expectativas no significa exigir lo mismo sin apoyo. "
                                        "Significa sostener la meta y multiplicar las ayudas: más personas "
                                        "en el aula, más tiempo de lectura compartida, más ocasiones de "
                                        "explicar a otros lo que uno ya entendió. La meta alta sin ayuda es "
                                        "injusta; la ayuda sin meta alta es condescendiente."
                                    ),
                                    (
                                        "Las familias y la comunidad son parte de esa ayuda. Una abuela que "
                                        "no terminó la primaria puede acompañar a un grupo de niños mientras "
                                        "resuelven un problema, cuidando que todos participen. No necesita "
                                        "saber la respuesta; necesita creer que esos niños pueden "
                                        "encontrarla. Su presencia cambia el clima del aula y también la "
                                        "imagen que la comunidad tiene de su escuela."
                                    ),
                                    (
                                        "Para los equipos que acompañan escuelas, esto plantea una pregunta "
                                        "incómoda: ¿nuestras visitas y reuniones amplían las voces o las "
                                        "reducen? Si el acompañamiento consiste en revisar documentos y "
                                        "señalar faltas, el docente aprende a mostrar lo que se espera. Si "
                                        "consiste en observar juntos, preguntar y ensayar, el docente "
                                        "aprende a mirar su propia práctica."
                                    ),
                                    (
                                        "El diálogo tiene costos. Exige tiempo, paciencia y la disposición a "
                                        "perder una discusión. Hay reuniones en las que sería más rápido "
                                        "decidir solos. Pero lo que se decide a solas suele cumplirse a "
                                        "medias, mientras que lo que se acuerda con razones compartidas "
                                        "encuentra quienes lo defiendan cuando el responsable ya no está."
                                    ),
                                    (
                                        "Ninguna de estas ideas es nueva para quien ha trabajado en "
                                        "comunidades andinas o amazónicas, donde las decisiones importantes "
                                        "se toman en asamblea y el trabajo se organiza en reciprocidad. "
                                        "Quizá la tarea no sea llevar el diálogo a la escuela, sino dejar de "
                                        "impedir que entre."
                                    ),
                                ],
                            },
                        ),
                        (
                            "reflection_prompt",
                            {
                                "prompt": (
                                    "¿Qué párrafo elegiste y por qué? Escribe la idea que quieres compartir "
                                    "en la tertulia, citando el número de párrafo."
                                ),
                            },
                        ),
                    ],
                },
                {
                    "title": "Moderar una tertulia",
                    "slug": "moderar-una-tertulia",
                    "minutes": 50,
                    "body": [
                        ("heading", "Una moderación que distribuye la palabra"),
                        (
                            "paragraph",
                            (
                                "<p>Quien modera una tertulia no explica el texto ni da la interpretación "
                                "correcta. Su tarea es garantizar que la palabra circule de manera "
                                "igualitaria. Estos son los pasos que seguimos en el curso, tanto en "
                                "encuentros presenciales como en la sala virtual:</p><ul><li>Abrir "
                                "recordando el texto y los acuerdos: se cita la página y el párrafo, se "
                                "escucha sin interrumpir, se argumenta sobre las ideas y no sobre las "
                                "personas.</li><li>Pedir que levanten la mano quienes quieren compartir un "
                                "fragmento.</li><li>Dar la palabra <strong>primero a quienes menos han "
                                "hablado</strong>, en esta tertulia y en las anteriores.</li><li>Después de "
                                "cada fragmento, abrir una ronda breve de comentarios sobre ese mismo "
                                "párrafo antes de pasar a otro.</li><li>Tomar notas de las ideas principales "
                                "para el acta.</li><li>Cerrar acordando la próxima lectura y quién "
                                "moderará.</li></ul>"
                            ),
                        ),
                        (
                            "quote",
                            {
                                "text": (
                                    "Un argumento vale por su validez, no por la posición de quien lo "
                                    "pronuncia."
                                ),
                                "attribution": "Principio de diálogo igualitario",
                            },
                        ),
                        (
                            "callout",
                            {
                                "tone": "tip",
                                "text": (
                                    "<p>En la sala virtual, la cola de turnos ordena automáticamente a "
                                    "quienes piden la palabra según cuántas veces han hablado. Aun así, "
                                    "conviene invitar por su nombre a quien lleva tiempo en silencio, sin "
                                    "presionar a nadie para que hable.</p>"
                                ),
                            },
                        ),
                        (
                            "activity",
                            {
                                "title": "Ensayo de moderación en tríos",
                                "minutes": 30,
                                "instructions": (
                                    "<p>Con dos colegas de tu GIA, elijan un párrafo de la lectura del "
                                    "módulo. Por turnos, cada persona modera una mini tertulia de diez "
                                    "minutos mientras las otras dos participan. Al final de cada turno, "
                                    "quienes participaron comentan: ¿sentí que podía hablar?, ¿se citó el "
                                    "párrafo?, ¿la moderación opinó sobre el contenido?</p>"
                                ),
                            },
                        ),
                        (
                            "discussion_prompt",
                            {
                                "prompt": (
                                    "¿Qué dificultades anticipas para moderar una tertulia con docentes de "
                                    "tu jurisdicción? Propón una estrategia para que tomen la palabra "
                                    "quienes suelen quedarse callados."
                                ),
                                "post_first": False,
                            },
                        ),
                    ],
                },
                {
                    "title": "El acta y la siguiente lectura",
                    "slug": "acta-y-siguiente-lectura",
                    "minutes": 40,
                    "body": [
                        ("heading", "Lo que queda después del encuentro"),
                        (
                            "paragraph",
                            (
                                "<p>Cada tertulia deja un <strong>acta</strong>: una síntesis breve de los "
                                "fragmentos comentados, las ideas principales y los acuerdos. El acta no es "
                                "un resumen del texto ni un informe para la jefatura. Sirve para que quien "
                                "no pudo conectarse siga el hilo, y para que el grupo vea cómo va cambiando "
                                "su manera de pensar a lo largo de los meses.</p><p>Un acta sencilla incluye "
                                "la fecha y las personas participantes, los párrafos citados y quién los "
                                "eligió, dos o tres ideas que generaron más diálogo, las preguntas que "
                                "quedaron abiertas y la lectura acordada para la siguiente sesión.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "tone": "warning",
                                "text": (
                                    "<p>La tertulia no es un debate para ganar ni una evaluación de "
                                    "comprensión lectora. Si alguien corrige la interpretación de otra "
                                    "persona, la moderación devuelve la pregunta al grupo: <em>¿qué dice el "
                                    "texto en ese párrafo?</em></p>"
                                ),
                            },
                        ),
                        (
                            "callout",
                            {
                                "tone": "tip",
                                "text": (
                                    "<p>Si parte del grupo participa por teléfono o con mala señal, quien "
                                    "registra puede leer en voz alta cada párrafo citado antes de los "
                                    "comentarios y, al final, enviar el acta en un mensaje breve que se "
                                    "pueda leer sin descargar archivos.</p>"
                                ),
                            },
                        ),
                        (
                            "activity",
                            {
                                "title": "Redactar el acta de nuestra primera tertulia",
                                "minutes": 25,
                                "instructions": (
                                    "<p>Después del encuentro en vivo, el GIA responsable del acta la "
                                    "publica en el foro del módulo en un plazo de tres días. Las demás "
                                    "personas pueden completarla con algo que faltó, siempre citando el "
                                    "párrafo. Al final, el grupo propone dos textos posibles para la próxima "
                                    "tertulia y la cohorte elige uno.</p>"
                                ),
                            },
                        ),
                        (
                            "discussion_prompt",
                            {
                                "prompt": (
                                    "Comparte el párrafo que elegiste de la lectura del módulo (indica su "
                                    "número) y explica por qué lo elegiste. Después, responde al aporte de "
                                    "al menos una colega o un colega que haya elegido un párrafo distinto."
                                ),
                                "post_first": True,
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Grupos interactivos",
            "slug": "grupos-interactivos",
            "intro": (
                "<p>Los grupos interactivos reorganizan el aula para que todas y todos aprendan más y mejor, "
                "con ayuda de personas voluntarias de la comunidad. Veremos cómo funcionan y cómo adaptarlos "
                "a aulas multigrado y unidocentes.</p>"
            ),
            "release_offset_days": 56,
            "lessons": [
                {
                    "title": "Más personas, más interacciones",
                    "slug": "mas-personas-mas-interacciones",
                    "minutes": 45,
                    "body": [
                        ("heading", "Reorganizar el aula, no solo el contenido"),
                        (
                            "paragraph",
                            (
                                "<p>Los grupos interactivos son una forma de organizar el aula que aumenta "
                                "la cantidad y la calidad de las interacciones. No requieren materiales "
                                "costosos ni conectividad: requieren planificación y la decisión de abrir la "
                                "puerta a la comunidad. Empecemos por una lectura breve.</p>"
                            ),
                        ),
                        (
                            "reading",
                            {
                                "title": "Un aula con más personas adultas",
                                "author": "Equipo del curso",
                                "source": (
                                    "Lecturas de la especialización, módulo 3 (texto original del curso)"
                                ),
                                "paragraphs": [
                                    (
                                        "Imaginemos un aula de cuarto grado con veinticuatro estudiantes y "
                                        "una sola docente. Durante una hora de matemática, la docente "
                                        "explica, propone ejercicios y recorre las carpetas. Por más "
                                        "dedicación que ponga, cada estudiante recibe apenas unos minutos de "
                                        "atención directa, y quienes más dificultades tienen suelen ser "
                                        "también quienes menos se atreven a pedir ayuda."
                                    ),
                                    (
                                        "Ahora imaginemos la misma aula organizada en cuatro grupos de seis "
                                        "estudiantes, diversos en nivel de aprendizaje, género y origen. En "
                                        "cada grupo hay una persona adulta voluntaria: una madre, un abuelo, "
                                        "un joven egresado, una estudiante del instituto pedagógico. Cada "
                                        "grupo trabaja una actividad distinta durante quince minutos y luego "
                                        "rota a la siguiente mesa."
                                    ),
                                    (
                                        "En esa hora, la docente ya no está sola. Diseñó las actividades con "
                                        "anticipación, se ubica donde más se la necesita y observa cómo "
                                        "avanza cada grupo. Las personas voluntarias no explican contenidos: "
                                        "se aseguran de que todas y todos participen, de que quien terminó "
                                        "primero ayude a quien aún no entiende y de que nadie se quede "
                                        "mirando."
                                    ),
                                    (
                                        "Lo que cambia no es solo la cantidad de ayuda, sino su calidad. "
                                        "Cuando un estudiante explica a otro cómo resolvió un problema, "
                                        "tiene que ordenar su razonamiento y buscar palabras y ejemplos. "
                                        "Quien escucha recibe una explicación cercana a su propio modo de "
                                        "pensar. Ambos aprenden, y el grupo desarrolla una cultura en la que "
                                        "ayudar es lo normal."
                                    ),
                                    (
                                        "Agrupar por niveles parece una solución razonable para atender la "
                                        "diversidad, pero suele tener el efecto contrario: los grupos "
                                        "avanzados reciben más estímulo y los rezagados se acostumbran a "
                                        "esperar menos de sí mismos. Los grupos interactivos mantienen la "
                                        "heterogeneidad y la convierten en recurso, porque las diferencias "
                                        "dentro del grupo multiplican las explicaciones posibles."
                                    ),
                                    (
                                        "En muchas escuelas rurales no hay veinticuatro estudiantes sino "
                                        "ocho o doce, de varios grados, con un solo docente. Allí la lógica "
                                        "es la misma y a veces resulta más natural: los mayores ya acompañan "
                                        "a los menores en la casa y en la chacra. El reto es organizar esa "
                                        "ayuda para que sea intencional y para que la presencia de la "
                                        "comunidad en el aula se vuelva habitual."
                                    ),
                                ],
                            },
                        ),
                        (
                            "quote",
                            {
                                "text": (
                                    "La primera vez que entré al aula como voluntaria tenía miedo de no "
                                    "saber. Después entendí que mi tarea era que nadie se quede callado, y "
                                    "eso sí sé hacerlo."
                                ),
                                "attribution": (
                                    "Madre de familia voluntaria, testimonio recogido por el equipo del curso"
                                ),
                            },
                        ),
                        (
                            "reflection_prompt",
                            {
                                "prompt": (
                                    "Piensa en un aula que hayas visitado hace poco. ¿Cuántas interacciones "
                                    "de aprendizaje entre estudiantes observaste? ¿Qué cambiaría si hubiera "
                                    "tres o cuatro personas adultas más acompañando?"
                                ),
                            },
                        ),
                    ],
                },
                {
                    "title": "Organizar una sesión con grupos interactivos",
                    "slug": "organizar-sesion-grupos-interactivos",
                    "minutes": 60,
                    "body": [
                        ("heading", "Paso a paso"),
                        (
                            "paragraph",
                            (
                                "<p>Una sesión con grupos interactivos se prepara con anticipación y sigue "
                                "una estructura clara:</p><ul><li><strong>Grupos de 4 a 6 "
                                "estudiantes</strong>, mezclados en nivel, género, lengua y origen. Los "
                                "grupos no se arman por afinidad ni por rendimiento.</li><li><strong>Una "
                                "persona voluntaria por grupo</strong>, que permanece en su mesa con la "
                                "misma actividad mientras los grupos rotan.</li><li><strong>Tantas "
                                "actividades como grupos</strong>, cortas, del mismo curso o área y con un "
                                "propósito de aprendizaje preciso.</li><li><strong>Rotaciones de 10 a 20 "
                                "minutos</strong>, según la edad de los estudiantes y la complejidad de la "
                                "tarea. La docente controla el tiempo.</li><li><strong>Un cierre "
                                "breve</strong> en el que cada grupo comenta cómo se ayudó.</li></ul>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "tone": "tip",
                                "text": (
                                    "<p>En aulas multigrado se puede proponer la misma actividad con "
                                    "distintos niveles de exigencia, o preparar actividades en las que los "
                                    "estudiantes mayores tengan que explicar. Lo importante es que todos "
                                    "trabajen aprendizajes relevantes y con altas expectativas.</p>"
                                ),
                            },
                        ),
                        (
                            "activity",
                            {
                                "title": "Diseña una sesión de grupos interactivos",
                                "minutes": 40,
                                "instructions": (
                                    "<p>Elige una institución educativa que acompañas y diseña, de ser "
                                    "posible junto con un docente de esa IE, una sesión de 60 minutos con "
                                    "cuatro grupos y rotaciones de 15 minutos. Para cada actividad "
                                    "indica:</p><ul><li>el aprendizaje esperado;</li><li>los materiales, de "
                                    "preferencia disponibles en la comunidad;</li><li>qué debe cuidar la "
                                    "persona voluntaria.</li></ul>"
                                ),
                            },
                        ),
                        (
                            "callout",
                            {
                                "tone": "warning",
                                "text": (
                                    "<p>La persona voluntaria <strong>no enseña ni corrige</strong>: anima, "
                                    "pregunta y se asegura de que todas y todos participen. Si asume el rol "
                                    "docente, los estudiantes vuelven a esperar la respuesta de una persona "
                                    "adulta.</p>"
                                ),
                            },
                        ),
                        (
                            "discussion_prompt",
                            {
                                "prompt": (
                                    "Publica un resumen de tu diseño: grado o ciclo, las cuatro actividades "
                                    "y el tiempo de cada rotación. Luego comenta el diseño de una colega o "
                                    "un colega y sugiere una mejora."
                                ),
                                "post_first": True,
                            },
                        ),
                    ],
                },
                {
                    "title": "Convocar y acompañar al voluntariado",
                    "slug": "convocar-voluntariado",
                    "minutes": 40,
                    "body": [
                        ("heading", "La comunidad entra al aula"),
                        (
                            "paragraph",
                            (
                                "<p>La principal duda de los docentes suele ser: <em>¿quién va a venir?</em> "
                                "La experiencia muestra que las familias participan cuando la invitación es "
                                "concreta, con día y hora, y cuando se les explica que no necesitan dominar "
                                "el contenido. También pueden sumarse exalumnos, estudiantes de secundaria, "
                                "personal del puesto de salud, autoridades comunales o integrantes de la "
                                "APAFA.</p><p>Antes de la primera sesión conviene reunirse brevemente con "
                                "las personas voluntarias para explicar su rol, ensayar algunas preguntas "
                                "útiles (<em>¿ya le preguntaste a tu compañera?, ¿cómo lo resolviste?, "
                                "¿todos entendieron?</em>) y acordar horarios que respeten su trabajo en la "
                                "chacra, el mercado o la pesca. Si la persona voluntaria habla la lengua "
                                "originaria de los estudiantes, es una enorme ventaja: que pueda usarla con "
                                "libertad.</p>"
                            ),
                        ),
                        (
                            "quote",
                            {
                                "text": (
                                    "Los niños se portan distinto cuando ven a su mamá en el salón: se "
                                    "esfuerzan más, y ella también aprende."
                                ),
                                "attribution": (
                                    "Docente de aula multigrado, testimonio recogido por el equipo del curso"
                                ),
                            },
                        ),
                        (
                            "callout",
                            {
                                "tone": "tip",
                                "text": (
                                    "<p>Al terminar cada sesión, dedica cinco minutos a preguntar a las "
                                    "personas voluntarias qué observaron. Suelen notar lo que la docente, "
                                    "pendiente del tiempo, no alcanza a ver: quién no habló, quién ayudó a "
                                    "otros, qué actividad resultó confusa.</p>"
                                ),
                            },
                        ),
                        (
                            "activity",
                            {
                                "title": "Mapa de posibles voluntarios",
                                "minutes": 20,
                                "instructions": (
                                    "<p>Con un director o directora de tu jurisdicción, elaboren una lista "
                                    "de personas e instituciones de la comunidad que podrían participar como "
                                    "voluntarias. Anoten qué días y horarios podrían asistir y qué lenguas "
                                    "hablan. Identifiquen a dos personas para invitarlas personalmente esta "
                                    "semana.</p>"
                                ),
                            },
                        ),
                        (
                            "reflection_prompt",
                            {
                                "prompt": (
                                    "¿Qué creencias sobre las familias de tu jurisdicción podrían dificultar "
                                    "que las aulas se abran al voluntariado? ¿Cuáles de esas creencias has "
                                    "visto desmentidas en la práctica?"
                                ),
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Comunidades de aprendizaje y comunidades profesionales de aprendizaje",
            "slug": "comunidades-de-aprendizaje",
            "intro": (
                "<p>Pasamos del aula a la institución educativa y a la UGEL. Veremos cómo una escuela se "
                "transforma en comunidad de aprendizaje con su entorno, y cómo los equipos de especialistas "
                "y docentes pueden funcionar como comunidades profesionales que aprenden de su propia "
                "práctica.</p>"
            ),
            "release_offset_days": 84,
            "lessons": [
                {
                    "title": "De la escuela aislada a la comunidad que aprende",
                    "slug": "escuela-comunidad-que-aprende",
                    "minutes": 50,
                    "body": [
                        ("heading", "Una decisión colectiva"),
                        (
                            "paragraph",
                            (
                                "<p>Las tertulias y los grupos interactivos pueden funcionar en un aula "
                                "aislada, pero su potencial crece cuando toda la institución educativa, "
                                "junto con su comunidad, decide transformarse. La lectura de esta sesión "
                                "describe ese proceso y el papel que puede cumplir la UGEL.</p>"
                            ),
                        ),
                        (
                            "reading",
                            {
                                "title": "Una escuela que decide transformarse",
                                "author": "Equipo del curso",
                                "source": (
                                    "Lecturas de la especialización, módulo 4 (texto original del curso)"
                                ),
                                "paragraphs": [
                                    (
                                        "Una comunidad de aprendizaje es una escuela que decide, con su "
                                        "comunidad, transformarse para que todas y todos sus estudiantes "
                                        "aprendan más y convivan mejor. No es un programa que llega con "
                                        "materiales listos ni un proyecto que dura lo que dura el "
                                        "financiamiento. Es un acuerdo colectivo que se renueva cada año y "
                                        "que compromete a docentes, familias, estudiantes y autoridades."
                                    ),
                                    (
                                        "La transformación suele empezar con un periodo de sensibilización, "
                                        "en el que la plana docente y las familias conocen el enfoque, leen, "
                                        "visitan otras escuelas y conversan sobre lo que funciona para "
                                        "mejorar el aprendizaje. No se trata de convencer a nadie a la "
                                        "fuerza, sino de ofrecer información suficiente para que la decisión "
                                        "de cambiar sea informada y compartida."
                                    ),
                                    (
                                        "Luego viene la toma de decisión. Si la mayoría de docentes y de la "
                                        "comunidad está de acuerdo, la escuela se compromete a iniciar el "
                                        "proceso. Este paso importa porque un cambio impuesto desde arriba "
                                        "genera cumplimiento formal, mientras que un cambio decidido en "
                                        "conjunto genera corresponsabilidad."
                                    ),
                                    (
                                        "Un momento especialmente valioso es la fase del sueño. Estudiantes, "
                                        "docentes, familias y vecinos imaginan la escuela que quieren, en "
                                        "dibujos, asambleas, cartas o conversaciones en su propia lengua. "
                                        "Los sueños se recogen, se agrupan y se convierten en prioridades. "
                                        "Muchas comunidades se sorprenden al descubrir cuánto coinciden sus "
                                        "aspiraciones cuando se les pregunta de verdad."
                                    ),
                                    (
                                        "A partir de las prioridades se forman comisiones mixtas que "
                                        "planifican y ponen en marcha las acciones: abrir la biblioteca por "
                                        "las tardes, organizar tertulias literarias con familias, "
                                        "implementar grupos interactivos, mejorar la convivencia con normas "
                                        "acordadas entre todos. Cada comisión incluye docentes, familiares "
                                        "y, cuando es posible, estudiantes."
                                    ),
                                    (
                                        "Para una UGEL, acompañar este proceso significa cuidar dos cosas a "
                                        "la vez. Por un lado, que las actuaciones tengan respaldo en "
                                        "evidencia y no se diluyan en actividades sin propósito. Por otro, "
                                        "que la escuela conserve la autoría de su transformación. Un "
                                        "especialista que acompaña bien no es quien más habla en la "
                                        "asamblea, sino quien ayuda a que la asamblea funcione."
                                    ),
                                ],
                            },
                        ),
                        (
                            "reflection_prompt",
                            {
                                "prompt": (
                                    "Piensa en una institución educativa de tu jurisdicción. ¿Qué sueño "
                                    "crees que expresarían sus estudiantes y qué sueño expresarían sus "
                                    "familias? ¿Cómo podrías comprobar si aciertas sin preguntarles?"
                                ),
                            },
                        ),
                    ],
                },
                {
                    "title": "Las fases de transformación en contextos rurales",
                    "slug": "fases-de-transformacion",
                    "minutes": 50,
                    "body": [
                        ("heading", "Adaptar sin perder lo esencial"),
                        (
                            "paragraph",
                            (
                                "<p>Las fases que describe la lectura se adaptan a cada territorio. Algunas "
                                "orientaciones que han funcionado en escuelas "
                                "rurales:</p><ul><li><strong>Sensibilización:</strong> en comunidades "
                                "andinas puede hacerse dentro de la asamblea comunal; en comunidades nativas "
                                "amazónicas conviene coordinar antes con las autoridades propias y reunirse "
                                "en la lengua de la comunidad.</li><li><strong>Toma de decisión:</strong> la "
                                "decisión debe ser explícita y quedar registrada en un acta firmada por la "
                                "dirección, la plana docente y representantes de las "
                                "familias.</li><li><strong>Sueño:</strong> se recoge en todas las lenguas de "
                                "la comunidad y con formatos que no exijan saber escribir: dibujos, audios, "
                                "conversaciones.</li><li><strong>Prioridades y planificación:</strong> pocas "
                                "prioridades, con responsables y fechas realistas que consideren el "
                                "calendario agrícola, las fiestas y la temporada de lluvias.</li></ul>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "tone": "info",
                                "text": (
                                    "<p>La fase del sueño puede durar varias semanas. No hay que apurarla: "
                                    "es el momento en que la comunidad comprueba que su palabra cuenta, y "
                                    "esa confianza sostendrá todo lo que viene después.</p>"
                                ),
                            },
                        ),
                        (
                            "callout",
                            {
                                "tone": "warning",
                                "text": (
                                    "<p>No conviene saltarse la toma de decisión porque la dirección ya está "
                                    "convencida. Una comunidad de aprendizaje que empieza sin el acuerdo de "
                                    "la mayoría de docentes y familias suele quedarse en actividades "
                                    "aisladas que dependen del entusiasmo de unas pocas personas.</p>"
                                ),
                            },
                        ),
                        (
                            "activity",
                            {
                                "title": "Preparar la fase del sueño",
                                "minutes": 35,
                                "instructions": (
                                    "<p>Para una institución educativa que acompañas, diseña cómo se "
                                    "recogerían los sueños de estudiantes, docentes y familias. Indica las "
                                    "preguntas generadoras, los formatos, las lenguas, los lugares y "
                                    "horarios, y cómo se devolverán los resultados a la comunidad. Cuida que "
                                    "las familias que viven más lejos también puedan participar.</p>"
                                ),
                            },
                        ),
                        (
                            "discussion_prompt",
                            {
                                "prompt": (
                                    "¿Qué adaptaciones harías a la fase del sueño en una institución "
                                    "educativa de tu jurisdicción? Considera la lengua, los horarios de las "
                                    "familias y las distancias."
                                ),
                                "post_first": False,
                            },
                        ),
                    ],
                },
                {
                    "title": "La UGEL como comunidad profesional de aprendizaje",
                    "slug": "ugel-comunidad-profesional",
                    "minutes": 45,
                    "body": [
                        ("heading", "Aprender juntos de la práctica"),
                        (
                            "paragraph",
                            (
                                "<p>Una <strong>comunidad profesional de aprendizaje</strong> es un grupo de "
                                "profesionales que se reúne de manera sostenida para examinar su práctica a "
                                "la luz de lo que aprenden sus estudiantes. Puede formarse en una "
                                "institución educativa, en una red educativa rural o en la propia UGEL, por "
                                "ejemplo en los equipos técnico pedagógicos por nivel. Sus rasgos "
                                "principales son:</p><ul><li>el foco puesto en el aprendizaje de los "
                                "estudiantes, no en el cumplimiento de trámites;</li><li>la responsabilidad "
                                "compartida por los resultados;</li><li>la práctica abierta: se observan "
                                "aulas y visitas entre pares;</li><li>la indagación con evidencias, como "
                                "trabajos de estudiantes y registros de observación;</li><li>el diálogo "
                                "igualitario entre integrantes de distintos cargos.</li></ul><p>En la UGEL, "
                                "el reto es que estos espacios no queden absorbidos por la urgencia "
                                "administrativa: conviene proteger un tiempo fijo, aunque sea breve, para "
                                "mirar juntos la práctica.</p>"
                            ),
                        ),
                        (
                            "quote",
                            {
                                "text": (
                                    "En mi UGEL cada especialista tenía sus escuelas y sus problemas. Cuando "
                                    "empezamos a revisar juntos los cuadernos de los niños, descubrimos que "
                                    "estábamos dando la misma pelea cada uno por su lado."
                                ),
                                "attribution": "Participante de la edición 2020",
                            },
                        ),
                        (
                            "callout",
                            {
                                "tone": "warning",
                                "text": (
                                    "<p>Una reunión informativa no es una comunidad profesional de "
                                    "aprendizaje, aunque se realice cada semana. Si en la reunión nadie "
                                    "muestra su práctica ni cambia nada después, se trata de coordinación, "
                                    "que también es necesaria, pero es otra cosa.</p>"
                                ),
                            },
                        ),
                        (
                            "reflection_prompt",
                            {
                                "prompt": (
                                    "¿Qué espacios de tu UGEL podrían convertirse en comunidades "
                                    "profesionales de aprendizaje? ¿Qué tendría que cambiar en ellos para "
                                    "que lo sean?"
                                ),
                            },
                        ),
                        (
                            "discussion_prompt",
                            {
                                "prompt": (
                                    "Describe un espacio colegiado en el que participes (equipo técnico "
                                    "pedagógico, red educativa, reunión de especialistas). Según los rasgos "
                                    "de esta sesión, ¿qué tiene ya de comunidad profesional de aprendizaje y "
                                    "qué le falta?"
                                ),
                                "post_first": True,
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Grupos de interaprendizaje (GIA)",
            "slug": "grupos-de-interaprendizaje",
            "intro": (
                "<p>Los grupos de interaprendizaje son el corazón de esta especialización y una estrategia "
                "que puedes llevar a tu UGEL. Aprenderemos a elaborar un plan de trabajo, a conducir "
                "sesiones y a sostener compromisos que abren cada encuentro.</p>"
            ),
            "release_offset_days": 112,
            "lessons": [
                {
                    "title": "El GIA: aprender entre pares",
                    "slug": "gia-aprender-entre-pares",
                    "minutes": 45,
                    "body": [
                        ("heading", "Un grupo pequeño que se sostiene"),
                        (
                            "paragraph",
                            (
                                "<p>Desde el primer módulo trabajas con tu GIA. Ahora es momento de mirar "
                                "con detenimiento por qué funciona y qué lo hace diferente de otras "
                                "reuniones de trabajo.</p>"
                            ),
                        ),
                        (
                            "reading",
                            {
                                "title": "Por qué un grupo pequeño que se reúne con regularidad",
                                "author": "Equipo del curso",
                                "source": (
                                    "Lecturas de la especialización, módulo 5 (texto original del curso)"
                                ),
                                "paragraphs": [
                                    (
                                        "Las capacitaciones masivas tienen un límite conocido: se escucha "
                                        "mucho, se practica poco y, al volver al trabajo, cada quien "
                                        "enfrenta solo las dificultades. El grupo de interaprendizaje nace "
                                        "para llenar ese vacío. Es un grupo pequeño y estable de colegas que "
                                        "se reúne con regularidad para aprender de su propia práctica y "
                                        "sostener los cambios que se propone."
                                    ),
                                    (
                                        "Su fuerza está en la continuidad. Una reunión aislada puede "
                                        "inspirar, pero rara vez cambia una práctica. En cambio, cuando el "
                                        "mismo grupo se encuentra cada dos o tres semanas, sabe qué se "
                                        "propuso cada integrante, puede preguntar cómo le fue y ofrecer "
                                        "ayuda concreta. El compromiso deja de ser una intención privada y "
                                        "se vuelve un acuerdo entre pares."
                                    ),
                                    (
                                        "El tamaño importa. Con cuatro a ocho integrantes, todas las "
                                        "personas pueden hablar en cada sesión y nadie se esconde detrás del "
                                        "grupo. Por eso, en esta especialización, la cohorte se organiza en "
                                        "grupos de interaprendizaje por cercanía territorial, de modo que "
                                        "sus integrantes compartan realidades parecidas y puedan, cuando sea "
                                        "posible, visitarse."
                                    ),
                                    (
                                        "Un GIA no es un espacio para que alguien exponga y los demás "
                                        "escuchen. Cada sesión combina estudio, análisis de casos reales y "
                                        "planificación. Los casos vienen de la práctica de sus integrantes: "
                                        "una visita de acompañamiento que no salió bien, una tertulia con "
                                        "docentes que sorprendió, una resistencia que no se sabe cómo "
                                        "abordar."
                                    ),
                                    (
                                        "La confianza se construye con acuerdos claros y con el tiempo. Lo "
                                        "que se comparte en el grupo se trata con respeto, las críticas se "
                                        "dirigen a las prácticas y no a las personas, y cada quien habla "
                                        "desde su experiencia. Cuando esto se cumple, los integrantes se "
                                        "animan a mostrar sus dudas, que es donde empieza el aprendizaje."
                                    ),
                                    (
                                        "Los GIA son también una forma de liderazgo distribuido. Cada sesión "
                                        "la coordina un integrante distinto, y las decisiones sobre qué "
                                        "estudiar se toman en conjunto. Así, el grupo no depende de una sola "
                                        "persona y puede continuar cuando termina el curso, convertido en "
                                        "una comunidad profesional con vida propia."
                                    ),
                                ],
                            },
                        ),
                        (
                            "quote",
                            {
                                "text": (
                                    "Al principio el GIA era una tarea más del curso. Con los meses se "
                                    "volvió el lugar donde podía decir que algo no me estaba saliendo sin "
                                    "sentir vergüenza."
                                ),
                                "attribution": "Participante de la edición 2020",
                            },
                        ),
                        (
                            "callout",
                            {
                                "tone": "info",
                                "text": (
                                    "<p>En esta cohorte trabajamos con cuatro GIA organizados por "
                                    "territorio: <strong>Sierra Centro</strong>, <strong>Sur "
                                    "Andino</strong>, <strong>Amazonía</strong> y <strong>Norte "
                                    "Andino</strong>. Cada GIA tiene su propio espacio en el foro y puede "
                                    "programar sus encuentros en vivo.</p>"
                                ),
                            },
                        ),
                    ],
                },
                {
                    "title": "El plan de trabajo del GIA",
                    "slug": "plan-de-trabajo-gia",
                    "minutes": 60,
                    "body": [
                        ("heading", "Qué incluye un buen plan"),
                        (
                            "paragraph",
                            (
                                "<p>El plan de trabajo es un documento breve, de dos o tres páginas, que el "
                                "grupo elabora en conjunto y revisa cada cierto tiempo. Debe responder a "
                                "estas preguntas:</p><ul><li><strong>Propósito:</strong> ¿qué queremos "
                                "mejorar en nuestra práctica y por qué?</li><li><strong>Problema de "
                                "práctica:</strong> una dificultad concreta y compartida, por ejemplo, cómo "
                                "retroalimentar a docentes de aulas "
                                "multigrado.</li><li><strong>Calendario:</strong> fechas, duración y "
                                "modalidad de cada sesión (presencial, en línea o por llamada cuando la "
                                "señal no alcanza).</li><li><strong>Roles rotativos:</strong> quién "
                                "coordina, quién registra, quién controla el tiempo en cada "
                                "sesión.</li><li><strong>Recursos:</strong> lecturas, casos y materiales que "
                                "se estudiarán.</li><li><strong>Evidencias:</strong> cómo sabremos que "
                                "nuestra práctica está cambiando.</li></ul><p>El plan no es un formato que "
                                "se llena una vez. Conviene revisarlo a mitad de camino: ¿el problema de "
                                "práctica sigue siendo el más importante?, ¿las sesiones se están "
                                "realizando?, ¿qué evidencias tenemos hasta ahora?</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "tone": "tip",
                                "text": (
                                    "<p>Un buen problema de práctica es lo bastante concreto como para "
                                    "ensayar algo antes de la siguiente sesión. <em>Mejorar la calidad "
                                    "educativa</em> es demasiado amplio; <em>lograr que las familias "
                                    "participen en las tertulias literarias de dos escuelas</em> se puede "
                                    "trabajar.</p>"
                                ),
                            },
                        ),
                        (
                            "activity",
                            {
                                "title": "Primer borrador del plan de trabajo",
                                "minutes": 45,
                                "instructions": (
                                    "<p>En una sesión de tu GIA, elaboren el primer borrador del plan usando "
                                    "la estructura anterior. Acuerden al menos seis sesiones hasta "
                                    "septiembre y distribuyan los roles de coordinación y registro. "
                                    "Publiquen el borrador en el espacio de su GIA para recibir comentarios "
                                    "del equipo facilitador.</p>"
                                ),
                            },
                        ),
                        (
                            "reflection_prompt",
                            {
                                "prompt": (
                                    "¿Qué rol te resulta más natural en un grupo: coordinar, registrar, "
                                    "controlar el tiempo o hacer preguntas? ¿Cuál te convendría ensayar en "
                                    "tu GIA y por qué?"
                                ),
                            },
                        ),
                        (
                            "discussion_prompt",
                            {
                                "prompt": (
                                    "Comparte el problema de práctica que priorizó tu GIA y explica cómo "
                                    "llegaron a elegirlo. ¿Qué otros problemas quedaron fuera y por qué?"
                                ),
                                "post_first": False,
                            },
                        ),
                    ],
                },
                {
                    "title": "Sesiones que empiezan por los compromisos",
                    "slug": "sesiones-y-compromisos",
                    "minutes": 45,
                    "body": [
                        ("heading", "La estructura de una sesión"),
                        (
                            "paragraph",
                            (
                                "<p>Una sesión de GIA de unos noventa minutos puede organizarse "
                                "así:</p><ul><li><strong>Apertura con compromisos (15 min):</strong> cada "
                                "integrante cuenta qué hizo con el compromiso de la sesión anterior, qué "
                                "pasó y qué aprendió.</li><li><strong>Estudio (25 min):</strong> una "
                                "tertulia breve sobre un texto o el análisis de un "
                                "material.</li><li><strong>Caso (30 min):</strong> una persona presenta una "
                                "situación real de su práctica y el grupo pregunta antes de "
                                "sugerir.</li><li><strong>Nuevos compromisos (15 min):</strong> cada persona "
                                "formula un compromiso concreto, observable y posible antes de la próxima "
                                "sesión.</li><li><strong>Cierre y registro (5 min):</strong> quien registra "
                                "lee los acuerdos en voz alta.</li></ul><p>Abrir con los compromisos es lo "
                                "que da continuidad al grupo: cada sesión empieza donde terminó la anterior. "
                                "Cuando la conexión falla, esta apertura puede hacerse por llamada grupal o "
                                "con audios breves enviados antes de la sesión.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "tone": "warning",
                                "text": (
                                    "<p>Un compromiso no cumplido no es una falta que se sanciona: es "
                                    "información. Preguntemos qué lo impidió y si el compromiso era "
                                    "realista, en lugar de juzgar a la persona.</p>"
                                ),
                            },
                        ),
                        (
                            "activity",
                            {
                                "title": "Coordinar una sesión de tu GIA",
                                "minutes": 90,
                                "instructions": (
                                    "<p>Según el calendario de tu plan de trabajo, asume la coordinación de "
                                    "una sesión. Prepara el texto de estudio, invita a una persona a "
                                    "presentar su caso y publica el registro con los compromisos en el "
                                    "espacio de tu GIA al día siguiente.</p>"
                                ),
                            },
                        ),
                        (
                            "reflection_prompt",
                            {
                                "prompt": (
                                    "¿Qué compromiso asumiste en la última sesión de tu GIA y qué aprendiste "
                                    "al intentar cumplirlo, lo hayas logrado o no?"
                                ),
                            },
                        ),
                        (
                            "discussion_prompt",
                            {
                                "prompt": (
                                    "Escribe tu compromiso para las próximas dos semanas de modo que "
                                    "cualquier colega pueda comprobar si se cumplió. Luego ayuda a otra "
                                    "persona a hacer más concreto el suyo."
                                ),
                                "post_first": True,
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Liderar el cambio desde la UGEL",
            "slug": "liderar-el-cambio-desde-la-ugel",
            "intro": (
                "<p>En este módulo pensamos el papel de la UGEL en la transformación: cómo acompañar a "
                "docentes y directivos con retroalimentación continua y cómo lograr que los cambios se "
                "sostengan más allá de las personas y de las gestiones.</p>"
            ),
            "release_offset_days": 140,
            "lessons": [
                {
                    "title": "Acompañar no es fiscalizar",
                    "slug": "acompanar-no-es-fiscalizar",
                    "minutes": 50,
                    "body": [
                        ("heading", "El acompañamiento como relación pedagógica"),
                        (
                            "paragraph",
                            (
                                "<p>Muchos de nosotros aprendimos a visitar escuelas con una ficha de "
                                "supervisión en la mano. Esta lectura propone mirar de otra manera la visita "
                                "y, en general, el vínculo entre la UGEL y las instituciones educativas.</p>"
                            ),
                        ),
                        (
                            "reading",
                            {
                                "title": "Los cambios de práctica toman tiempo",
                                "author": "Equipo del curso",
                                "source": (
                                    "Lecturas de la especialización, módulo 6 (texto original del curso)"
                                ),
                                "paragraphs": [
                                    (
                                        "Cada año, miles de docentes participan en talleres, cursos y "
                                        "jornadas. Muchos salen motivados y con ideas nuevas. Sin embargo, "
                                        "cuando alguien visita sus aulas semanas después, encuentra con "
                                        "frecuencia las mismas prácticas de siempre. No es falta de "
                                        "voluntad: cambiar la manera de enseñar es difícil, y las prácticas "
                                        "de las personas adultas no se transforman con uno o dos talleres al "
                                        "año."
                                    ),
                                    (
                                        "Lo que sí ayuda es un apoyo persistente y cercano. El docente "
                                        "necesita ver la nueva práctica funcionando en un aula parecida a la "
                                        "suya, intentarla, recibir una mirada externa sobre lo que ocurrió y "
                                        "volver a intentarlo. Ese ciclo de modelado, observación y "
                                        "retroalimentación, repetido en el tiempo, es el que permite que una "
                                        "idea se convierta en hábito."
                                    ),
                                    (
                                        "Durante años, en muchas UGEL, la visita a la escuela se asoció con "
                                        "la supervisión: revisar la planificación, verificar la asistencia, "
                                        "llenar una ficha y dejar recomendaciones escritas. Esa función "
                                        "puede ser necesaria, pero cuando domina, el docente aprende a "
                                        "preparar la visita y no a mejorar su práctica. La relación se "
                                        "vuelve de control y la conversación pedagógica se empobrece."
                                    ),
                                    (
                                        "Acompañar es otra cosa. Supone llegar con preguntas más que con "
                                        "respuestas, observar con un foco acordado previamente y conversar "
                                        "después como colegas que buscan lo mismo: que los estudiantes "
                                        "aprendan. Supone también reconocer que quien está en el aula sabe "
                                        "cosas que el especialista no sabe sobre sus estudiantes, su "
                                        "comunidad y lo que es posible allí."
                                    ),
                                    (
                                        "La retroalimentación dialógica no es un veredicto. Empieza "
                                        "describiendo lo que se observó, pregunta por las intenciones del "
                                        "docente, identifica en conjunto lo que funcionó y lo que podría "
                                        "mejorar, y termina con un acuerdo concreto para la próxima visita. "
                                        "El docente puede responder, discrepar y proponer. Lo que se acuerda "
                                        "así tiene más probabilidades de cumplirse."
                                    ),
                                    (
                                        "En territorios extensos, con escuelas a varias horas de camino o a "
                                        "las que solo se llega por río, las visitas frecuentes no siempre "
                                        "son posibles. Por eso el acompañamiento se apoya también en redes: "
                                        "docentes que se observan entre sí, grupos de interaprendizaje por "
                                        "red educativa, llamadas de seguimiento y registros compartidos que "
                                        "permiten continuar la conversación entre una visita y otra."
                                    ),
                                    (
                                        "Liderar el cambio desde la UGEL, entonces, no es multiplicar "
                                        "capacitaciones ni documentos. Es construir con paciencia un sistema "
                                        "de apoyo en el que cada docente tenga con quién conversar sobre su "
                                        "práctica, y en el que los especialistas también aprendan de lo que "
                                        "ven en las aulas."
                                    ),
                                ],
                            },
                        ),
                        (
                            "reflection_prompt",
                            {
                                "prompt": (
                                    "Recuerda tu última visita a una institución educativa. ¿Qué parte de "
                                    "ella fue supervisión y qué parte fue acompañamiento? ¿Qué dirías que "
                                    "aprendió el docente y qué aprendiste tú?"
                                ),
                            },
                        ),
                    ],
                },
                {
                    "title": "Modelar, observar, retroalimentar",
                    "slug": "modelar-observar-retroalimentar",
                    "minutes": 60,
                    "body": [
                        ("heading", "Un ciclo que se repite"),
                        (
                            "paragraph",
                            (
                                "<p>La retroalimentación continua combina tres momentos que se repiten a lo "
                                "largo del año:</p><ul><li><strong>Modelar:</strong> quien acompaña, o un "
                                "docente par con experiencia, desarrolla la práctica en un aula real "
                                "mientras el docente observa con una guía "
                                "sencilla.</li><li><strong>Observar:</strong> el docente pone en práctica la "
                                "estrategia y quien acompaña observa con un foco acordado antes, registrando "
                                "hechos y no juicios.</li><li><strong>Retroalimentar:</strong> una "
                                "conversación el mismo día o, a lo sumo, dentro de las 48 horas: qué se "
                                "buscaba, qué pasó, qué funcionó, qué ajustar y cuál es el siguiente "
                                "acuerdo.</li></ul><p>El ciclo funciona cuando hay confianza y un foco "
                                "acotado. Observarlo todo a la vez (planificación, materiales, clima, "
                                "evaluación) produce listas largas de recomendaciones que nadie puede "
                                "aplicar. Es mejor acordar un solo aspecto, por ejemplo cómo se distribuye "
                                "la palabra en una tertulia, y volver sobre él en la siguiente visita.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "tone": "tip",
                                "text": (
                                    "<p>Preguntas que abren el diálogo: <em>¿Qué querías que lograran tus "
                                    "estudiantes? ¿En qué momento sentiste que lo estaban logrando? Si "
                                    "repitieras la sesión mañana, ¿qué mantendrías y qué "
                                    "cambiarías?</em></p>"
                                ),
                            },
                        ),
                        (
                            "callout",
                            {
                                "tone": "info",
                                "text": (
                                    "<p>En esta plataforma, cada reflexión que escribes recibe "
                                    "retroalimentación del equipo facilitador y tú puedes responderla. Es un "
                                    "diálogo, no una calificación: así también queremos modelar la práctica "
                                    "que proponemos.</p>"
                                ),
                            },
                        ),
                        (
                            "activity",
                            {
                                "title": "Un ciclo completo con un docente",
                                "minutes": 120,
                                "instructions": (
                                    "<p>Durante las próximas tres semanas, acuerda con un docente de tu "
                                    "jurisdicción un ciclo completo sobre una actuación dialógica (una "
                                    "tertulia, un grupo interactivo). Modela, observa y retroalimenta. "
                                    "Registra en pocas líneas cada momento y, al final, pregúntale qué le "
                                    "sirvió y qué no.</p>"
                                ),
                            },
                        ),
                        (
                            "discussion_prompt",
                            {
                                "prompt": (
                                    "¿Qué fue lo más difícil de tu ciclo de modelado, observación y "
                                    "retroalimentación? Comparte una pregunta que te funcionó bien durante "
                                    "la conversación con el docente."
                                ),
                                "post_first": False,
                            },
                        ),
                    ],
                },
                {
                    "title": "Sostenibilidad: que el cambio no dependa de una persona",
                    "slug": "sostenibilidad",
                    "minutes": 45,
                    "body": [
                        ("heading", "Pensar en el día en que ya no estemos"),
                        (
                            "paragraph",
                            (
                                "<p>En muchas UGEL el personal cambia con frecuencia: contratos anuales, "
                                "encargaturas, cambios de gestión. Por eso, una transformación que depende "
                                "de una sola persona suele desaparecer con ella. Algunas estrategias para "
                                "sostener el cambio:</p><ul><li><strong>Institucionalizar:</strong> "
                                "reconocer los GIA o los equipos técnico pedagógicos mediante resolución e "
                                "incluirlos en el plan anual de la UGEL.</li><li><strong>Distribuir el "
                                "liderazgo:</strong> que más de una persona sepa moderar una tertulia u "
                                "organizar grupos interactivos.</li><li><strong>Documentar:</strong> actas, "
                                "guías breves y registros que permitan a quien llega continuar lo "
                                "iniciado.</li><li><strong>Mostrar resultados:</strong> compartir evidencias "
                                "de aprendizaje con autoridades, familias y comunidad.</li><li><strong>Tejer "
                                "alianzas:</strong> con municipalidades, organizaciones comunales, "
                                "institutos y universidades de la región.</li></ul><p>Sostener no significa "
                                "congelar: cada actuación se seguirá adaptando, pero alrededor de un núcleo "
                                "de principios que quienes lleguen después puedan reconocer.</p>"
                            ),
                        ),
                        (
                            "quote",
                            {
                                "text": (
                                    "Lo que más me preocupaba era qué pasaría cuando me cambiaran de cargo. "
                                    "Hoy hay tres directoras que conducen las tertulias pedagógicas de la "
                                    "red sin que yo tenga que estar."
                                ),
                                "attribution": "Participante de la edición 2020",
                            },
                        ),
                        (
                            "callout",
                            {
                                "tone": "info",
                                "text": (
                                    "<p>Una buena señal de sostenibilidad: que las actuaciones aparezcan en "
                                    "los documentos de gestión de las instituciones educativas y en la "
                                    "agenda de las redes educativas, y que las familias las reclamen cuando "
                                    "no se realizan.</p>"
                                ),
                            },
                        ),
                        (
                            "activity",
                            {
                                "title": "Mapa de sostenibilidad",
                                "minutes": 30,
                                "instructions": (
                                    "<p>Elige una actuación dialógica que hayas impulsado durante el curso. "
                                    "Imagina que mañana te asignan a otra función. Escribe qué seguiría "
                                    "funcionando, qué se detendría y por qué. Luego define dos acciones para "
                                    "los próximos tres meses que reduzcan la dependencia de tu "
                                    "presencia.</p>"
                                ),
                            },
                        ),
                        (
                            "reflection_prompt",
                            {
                                "prompt": (
                                    "¿Quiénes en tu territorio podrían continuar lo que has empezado? ¿Qué "
                                    "necesitan de ti ahora para poder hacerlo sin ti después?"
                                ),
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Cierre: proyecto de innovación y tertulia final",
            "slug": "cierre-proyecto-de-innovacion",
            "intro": (
                "<p>En el último módulo reunimos lo aprendido en un proyecto de innovación para tu UGEL y "
                "cerramos la cohorte como empezamos: con una tertulia y con compromisos compartidos.</p>"
            ),
            "release_offset_days": 168,
            "lessons": [
                {
                    "title": "Del aprendizaje a la propuesta",
                    "slug": "del-aprendizaje-a-la-propuesta",
                    "minutes": 60,
                    "body": [
                        ("heading", "Tu proyecto de innovación"),
                        (
                            "paragraph",
                            (
                                "<p>El proyecto final no es un trabajo para archivar: es una propuesta que "
                                "puedas poner en marcha con tu equipo en el próximo año escolar. Antes de "
                                "escribirlo, te invitamos a leer este texto breve.</p>"
                            ),
                        ),
                        (
                            "reading",
                            {
                                "title": "Innovar es cambiar con otros",
                                "author": "Equipo del curso",
                                "source": (
                                    "Lecturas de la especialización, módulo 7 (texto original del curso)"
                                ),
                                "paragraphs": [
                                    (
                                        "En educación se usa la palabra innovación para casi todo: una "
                                        "plataforma nueva, un proyecto con tabletas, un formato distinto de "
                                        "planificación. En este curso la hemos usado con un sentido más "
                                        "exigente. Innovar es cambiar una práctica de manera que más "
                                        "estudiantes aprendan más, y hacerlo con razones que otras personas "
                                        "puedan revisar y compartir."
                                    ),
                                    (
                                        "Muchas de las actuaciones que estudiamos no son nuevas. Las "
                                        "tertulias, los grupos interactivos o la participación de las "
                                        "familias existen en distintas formas desde hace años. Lo innovador "
                                        "está en llevarlas a lugares donde no se esperaba que funcionaran, "
                                        "en adaptarlas con cuidado y en sostenerlas el tiempo suficiente "
                                        "para ver sus efectos."
                                    ),
                                    (
                                        "Un proyecto de innovación desde la UGEL no debería ser el proyecto "
                                        "de una sola persona. Si la propuesta nace de un diagnóstico "
                                        "compartido con directivos, docentes y familias, y si cada quien "
                                        "sabe qué le toca, tiene más probabilidades de sobrevivir a los "
                                        "cambios de personal, a los recortes de presupuesto y a las "
                                        "urgencias del calendario escolar."
                                    ),
                                    (
                                        "También conviene empezar en pequeño. Una red educativa, tres "
                                        "escuelas, un grado: lo suficiente para aprender, ajustar y mostrar "
                                        "resultados. Las experiencias que crecen bien suelen hacerlo porque "
                                        "otras personas las vieron funcionar y quisieron sumarse, no porque "
                                        "se ordenaron desde arriba."
                                    ),
                                    (
                                        "Finalmente, innovar exige registrar. Sin actas, observaciones y "
                                        "trabajos de estudiantes, lo que se logra se olvida o se discute sin "
                                        "evidencia. Un registro sencillo y constante permite que el grupo "
                                        "reflexione sobre su avance y que otras personas, en otros "
                                        "territorios, puedan aprender de lo que hicimos."
                                    ),
                                ],
                            },
                        ),
                        (
                            "activity",
                            {
                                "title": "Estructura del proyecto de innovación",
                                "minutes": 90,
                                "instructions": (
                                    "<p>Redacta tu proyecto en un máximo de cinco páginas, con estas "
                                    "partes:</p><ul><li>situación de partida, con alguna "
                                    "evidencia;</li><li>actuación dialógica elegida y principios que la "
                                    "sustentan;</li><li>personas e instituciones involucradas y su "
                                    "papel;</li><li>cronograma para un año escolar;</li><li>cómo se "
                                    "acompañará a docentes con modelado, observación y "
                                    "retroalimentación;</li><li>estrategias de "
                                    "sostenibilidad.</li></ul><p>Comparte un primer borrador con tu GIA "
                                    "antes de entregarlo.</p>"
                                ),
                            },
                        ),
                        (
                            "callout",
                            {
                                "tone": "info",
                                "text": (
                                    "<p>Para la certificación de 120 horas se consideran la participación en "
                                    "foros y encuentros, las reflexiones de cada módulo y el proyecto de "
                                    "innovación. Si tuviste dificultades de conectividad, comunícate con el "
                                    "equipo facilitador: buscaremos juntos una alternativa.</p>"
                                ),
                            },
                        ),
                    ],
                },
                {
                    "title": "Tertulia de cierre y compromisos",
                    "slug": "tertulia-de-cierre",
                    "minutes": 45,
                    "body": [
                        ("heading", "Cerrar como empezamos"),
                        (
                            "paragraph",
                            (
                                "<p>El encuentro final tiene dos partes. Primero, cada participante presenta "
                                "su proyecto en cinco minutos, sin diapositivas si la conexión no lo "
                                "permite; basta con contarlo. Después, hacemos una tertulia con un párrafo "
                                "de cualquiera de las lecturas del curso: el que hoy te parezca más "
                                "importante para tu trabajo.</p><p>Terminamos acordando compromisos para los "
                                "próximos tres meses. Los GIA pueden seguir reuniéndose después del curso y "
                                "abrir su primera sesión con esos compromisos.</p><p>Cerrar una cohorte es "
                                "también un momento para agradecer: a las familias que abrieron sus casas y "
                                "su tiempo, a los docentes que aceptaron ser observados y a quienes "
                                "moderaron, registraron y sostuvieron los GIA durante estos meses.</p>"
                            ),
                        ),
                        (
                            "quote",
                            {
                                "text": (
                                    "Empezamos leyendo juntos y terminamos leyendo juntos. En medio, los que "
                                    "cambiamos fuimos nosotros."
                                ),
                                "attribution": "Participante de la edición 2020",
                            },
                        ),
                        (
                            "callout",
                            {
                                "tone": "tip",
                                "text": (
                                    "<p>Si no puedes conectarte al encuentro final, graba un audio de cinco "
                                    "minutos con tu presentación y compártelo en el espacio de tu GIA. El "
                                    "acta del encuentro recogerá tu aporte y tus colegas podrán responderte "
                                    "en el foro.</p>"
                                ),
                            },
                        ),
                        (
                            "activity",
                            {
                                "title": "Preparar tu presentación",
                                "minutes": 30,
                                "instructions": (
                                    "<p>Prepara una presentación de cinco minutos que responda a tres "
                                    "preguntas: ¿qué quieres cambiar?, ¿con quiénes? y ¿cómo sabrás que está "
                                    "funcionando? Ensáyala con alguien de tu GIA y pídele una "
                                    "sugerencia.</p>"
                                ),
                            },
                        ),
                        (
                            "discussion_prompt",
                            {
                                "prompt": (
                                    "¿Qué párrafo de todas las lecturas del curso elegirías para la tertulia "
                                    "de cierre? Indica la lectura y el número de párrafo, y explica qué "
                                    "significa hoy para ti, después de estos meses."
                                ),
                                "post_first": True,
                            },
                        ),
                        (
                            "reflection_prompt",
                            {
                                "prompt": (
                                    "Mirando atrás desde abril, ¿qué ha cambiado en tu manera de escuchar, "
                                    "de acompañar y de tomar decisiones? ¿Qué quieres seguir aprendiendo?"
                                ),
                            },
                        ),
                    ],
                },
            ],
        },
    ],
}

COURSE_EN: dict = {
    "title": "Leading Professional Learning Communities",
    "slug": "leading-professional-learning-communities",
    "subtitle": "A short course for school and district leaders",
    "summary": (
        "<p>A four-week introduction for leaders who want their team meetings to become places where "
        "teachers learn from each other's practice. We borrow the principles and routines of the dialogic "
        "approach and practise them together.</p>"
    ),
    "hours": 20,
    "modules": [
        {
            "title": "What makes a professional learning community",
            "slug": "what-makes-a-plc",
            "intro": (
                "<p>We start by telling a learning community apart from a meeting, and by agreeing on the "
                "norms that let every voice count.</p>"
            ),
            "release_offset_days": 0,
            "lessons": [
                {
                    "title": "From meetings to learning",
                    "slug": "from-meetings-to-learning",
                    "minutes": 30,
                    "body": [
                        ("heading", "Why another meeting is not enough"),
                        (
                            "paragraph",
                            (
                                "<p>Most schools and district offices already meet often. This lesson asks "
                                "what has to change for those meetings to become <strong>learning</strong>. "
                                "Read the short text below and note the paragraph that challenges you "
                                "most.</p>"
                            ),
                        ),
                        (
                            "reading",
                            {
                                "title": "A meeting that learns",
                                "author": "Course team",
                                "source": "Course readings, module 1 (original text written for this course)",
                                "paragraphs": [
                                    (
                                        "Many teams meet every week and still learn very little together. "
                                        "The agenda is announcements, deadlines and forms; someone speaks, "
                                        "others listen, and everyone returns to a classroom or office that "
                                        "nobody else has seen. Meeting often is not the same as learning "
                                        "together."
                                    ),
                                    (
                                        "A professional learning community keeps its attention on one "
                                        "question: what are our students learning, and what in our practice "
                                        "explains it? That question turns the meeting towards evidence: "
                                        "student work, notes from classroom visits, the record of a "
                                        "conversation with families."
                                    ),
                                    (
                                        "Such a community needs open practice. Colleagues visit each other's "
                                        "classrooms, or watch each other lead a session, and talk afterwards "
                                        "about what they saw. This is uncomfortable at first, and it only "
                                        "works when the purpose is learning rather than judging."
                                    ),
                                    (
                                        "It also needs egalitarian dialogue. A newly hired teacher with a "
                                        "good argument should carry more weight than a senior colleague with "
                                        "a weak one. Leaders set the tone: when they change their mind in "
                                        "public because of someone else's reasoning, others learn that "
                                        "reasons matter."
                                    ),
                                    (
                                        "Finally, it needs continuity. A community that meets once a term "
                                        "cannot follow up. A small group that meets every two or three "
                                        "weeks, and opens each session by reviewing the commitments made at "
                                        "the last one, can turn good intentions into changed practice."
                                    ),
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "tone": "info",
                                "text": (
                                    "<p>Keep the number of the paragraph you chose. In this course every "
                                    "comment on a reading cites its paragraph, so others can go straight to "
                                    "it.</p>"
                                ),
                            },
                        ),
                    ],
                },
                {
                    "title": "Norms for egalitarian dialogue",
                    "slug": "norms-for-egalitarian-dialogue",
                    "minutes": 30,
                    "body": [
                        ("heading", "Agreeing how we talk"),
                        (
                            "paragraph",
                            (
                                "<p>Norms are not rules imposed by the leader; the group agrees on them and "
                                "revisits them. Good norms are few, concrete and observable: anyone in the "
                                "room can tell whether they are being kept. Some that work "
                                "well:</p><ul><li>We discuss practices, not people.</li><li>Whoever has "
                                "spoken least speaks first.</li><li>We cite the evidence or the paragraph we "
                                "are talking about.</li><li>We may disagree with anyone, including the "
                                "leader, if we give reasons.</li></ul>"
                            ),
                        ),
                        (
                            "quote",
                            {
                                "text": (
                                    "An argument counts for its validity, not for the position of whoever "
                                    "makes it."
                                ),
                                "attribution": "Principle of egalitarian dialogue",
                            },
                        ),
                        (
                            "callout",
                            {
                                "tone": "warning",
                                "text": (
                                    "<p>Norms that nobody checks soon become decoration. Spend two minutes "
                                    "at the end of each meeting asking whether the norms were kept and who "
                                    "did not get to speak.</p>"
                                ),
                            },
                        ),
                        (
                            "activity",
                            {
                                "title": "Draft your team's norms",
                                "minutes": 20,
                                "instructions": (
                                    "<p>With two or three colleagues, write no more than five norms for your "
                                    "team's meetings. For each one, describe what it would look like in "
                                    "practice and what the group will do when it is not kept.</p>"
                                ),
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Sustaining the community",
            "slug": "sustaining-the-community",
            "intro": (
                "<p>A learning community lives or dies on continuity. This module looks at commitments, "
                "feedback and what keeps a group going when its founders move on.</p>"
            ),
            "release_offset_days": 14,
            "lessons": [
                {
                    "title": "Commitments that open the next session",
                    "slug": "commitments-open-next-session",
                    "minutes": 30,
                    "body": [
                        ("heading", "Start where the last session ended"),
                        (
                            "paragraph",
                            (
                                "<p>Each session closes with every member stating one concrete commitment "
                                "they can carry out before the next meeting, for example: <em>I will observe "
                                "a colleague's reading session and share two notes with her</em>. The next "
                                "session opens by hearing how each commitment went. An unkept commitment is "
                                "information, not failure: the group asks what got in the "
                                "way.</p><p>Commitments should be small enough to finish, visible enough to "
                                "check and connected to the problem of practice the group chose.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "tone": "info",
                                "text": (
                                    "<p>Each group's space keeps the record of past sessions, so whoever "
                                    "coordinates the next meeting can read out the commitments before the "
                                    "group starts.</p>"
                                ),
                            },
                        ),
                        (
                            "activity",
                            {
                                "title": "Write a checkable commitment",
                                "minutes": 15,
                                "instructions": (
                                    "<p>Write one commitment for the next two weeks so that a colleague "
                                    "could tell whether it happened. Swap with a partner and help each other "
                                    "make your commitments more specific.</p>"
                                ),
                            },
                        ),
                        (
                            "discussion_prompt",
                            {
                                "prompt": (
                                    "Post your commitment for the next two weeks before reading anyone "
                                    "else's. Then reply to one colleague with a question that would help "
                                    "them keep theirs."
                                ),
                                "post_first": True,
                            },
                        ),
                    ],
                },
                {
                    "title": "Feedback as a conversation",
                    "slug": "feedback-as-a-conversation",
                    "minutes": 30,
                    "body": [
                        ("heading", "Model, observe, give feedback"),
                        (
                            "paragraph",
                            (
                                "<p>Adult practice rarely changes after a single workshop. It changes "
                                "through a repeated cycle: someone <strong>models</strong> a practice in a "
                                "real classroom, the teacher tries it while a colleague "
                                "<strong>observes</strong> with an agreed focus, and they talk it over soon "
                                "afterwards. Good <strong>feedback</strong> begins with what was seen, asks "
                                "about the teacher's intentions and ends with an agreement that the teacher "
                                "helped shape.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "tone": "tip",
                                "text": (
                                    "<p>Try opening with a question rather than a verdict: <em>What did you "
                                    "want students to get out of that activity, and when did you feel they "
                                    "were getting it?</em></p>"
                                ),
                            },
                        ),
                        (
                            "activity",
                            {
                                "title": "Plan one feedback conversation",
                                "minutes": 20,
                                "instructions": (
                                    "<p>Choose a colleague you will observe in the next two weeks. Agree on "
                                    "one focus beforehand, note only what you see and hear, and hold the "
                                    "conversation within two days. Afterwards, ask your colleague what "
                                    "helped and what did not.</p>"
                                ),
                            },
                        ),
                        (
                            "reflection_prompt",
                            {
                                "prompt": (
                                    "Think of the most useful feedback you have ever received on your work. "
                                    "What made it useful, and how much of that do you bring to the feedback "
                                    "you give others?"
                                ),
                            },
                        ),
                    ],
                },
            ],
        },
    ],
}

FACILITATORS: list[dict] = [
    {
        "username": "facilitadora1",
        "first_name": "Lucía",
        "last_name": "Huaynate Orihuela",
        "email": "facilitadora1@example.org",
        "region": "Huancayo, Junín",
    },
    {
        "username": "facilitador2",
        "first_name": "Raúl",
        "last_name": "Cárdenas Vilca",
        "email": "facilitador2@example.org",
        "region": "Lima",
    },
]

PARTICIPANTS: list[dict] = [
    {
        "username": "participante1",
        "first_name": "Rosa",
        "last_name": "Quispe Mamani",
        "email": "participante1@example.org",
        "region": "UGEL Huancayo, Junín",
    },
    {
        "username": "participante2",
        "first_name": "Wilber",
        "last_name": "Huamán Ccori",
        "email": "participante2@example.org",
        "region": "UGEL Chupaca, Junín",
    },
    {
        "username": "participante3",
        "first_name": "Yesenia",
        "last_name": "Condori Apaza",
        "email": "participante3@example.org",
        "region": "UGEL Puno",
    },
    {
        "username": "participante4",
        "first_name": "Edwin",
        "last_name": "Mamani Choque",
        "email": "participante4@example.org",
        "region": "UGEL El Collao, Puno",
    },
    {
        "username": "participante5",
        "first_name": "Nélida",
        "last_name": "Ticona Cutipa",
        "email": "participante5@example.org",
        "region": "UGEL Chucuito, Puno",
    },
    {
        "username": "participante6",
        "first_name": "Marco Antonio",
        "last_name": "Rengifo Panduro",
        "email": "participante6@example.org",
        "region": "UGEL Coronel Portillo, Ucayali",
    },
    {
        "username": "participante7",
        "first_name": "Lidia",
        "last_name": "Ochavano Sanancino",
        "email": "participante7@example.org",
        "region": "UGEL Coronel Portillo, Ucayali",
    },
    {
        "username": "participante8",
        "first_name": "Julio César",
        "last_name": "Ahuanari Yumbato",
        "email": "participante8@example.org",
        "region": "UGEL Maynas, Loreto",
    },
    {
        "username": "participante9",
        "first_name": "Maritza",
        "last_name": "Tapullima Sangama",
        "email": "participante9@example.org",
        "region": "UGEL Lamas, San Martín",
    },
    {
        "username": "participante10",
        "first_name": "Santiago",
        "last_name": "Jempekit Wajai",
        "email": "participante10@example.org",
        "region": "UGEL Condorcanqui, Amazonas",
    },
    {
        "username": "participante11",
        "first_name": "Gladys",
        "last_name": "Chiricente Quinchori",
        "email": "participante11@example.org",
        "region": "UGEL Atalaya, Ucayali",
    },
    {
        "username": "participante12",
        "first_name": "Fredy",
        "last_name": "Cusi Huillca",
        "email": "participante12@example.org",
        "region": "UGEL Canchis, Cusco",
    },
    {
        "username": "participante13",
        "first_name": "Milagros",
        "last_name": "Pariona Ñaupari",
        "email": "participante13@example.org",
        "region": "UGEL Huancavelica",
    },
    {
        "username": "participante14",
        "first_name": "Teodoro",
        "last_name": "Yupanqui Atauje",
        "email": "participante14@example.org",
        "region": "UGEL Huamanga, Ayacucho",
    },
    {
        "username": "participante15",
        "first_name": "Carmen Rosa",
        "last_name": "Villanueva Paucar",
        "email": "participante15@example.org",
        "region": "UGEL Huari, Áncash",
    },
    {
        "username": "participante16",
        "first_name": "Jhon",
        "last_name": "Alvarado Cerna",
        "email": "participante16@example.org",
        "region": "UGEL Cajamarca",
    },
    {
        "username": "participante17",
        "first_name": "Elizabeth",
        "last_name": "Ccahuana Huarcaya",
        "email": "participante17@example.org",
        "region": "UGEL Andahuaylas, Apurímac",
    },
    {
        "username": "participante18",
        "first_name": "Percy",
        "last_name": "Larico Huanca",
        "email": "participante18@example.org",
        "region": "UGEL Yunguyo, Puno",
    },
    {
        "username": "participante19",
        "first_name": "Ruth",
        "last_name": "Palomino Rojas",
        "email": "participante19@example.org",
        "region": "UGEL Jauja, Junín",
    },
    {
        "username": "participante20",
        "first_name": "Isaac",
        "last_name": "Mendoza Tello",
        "email": "participante20@example.org",
        "region": "UGEL Tambopata, Madre de Dios",
    },
    {
        "username": "participante21",
        "first_name": "Zenaida",
        "last_name": "Huaraca Taipe",
        "email": "participante21@example.org",
        "region": "UGEL Concepción, Junín",
    },
    {
        "username": "participante22",
        "first_name": "Ángel",
        "last_name": "Torres Inga",
        "email": "participante22@example.org",
        "region": "UGEL Alto Amazonas, Loreto",
    },
    {
        "username": "participante23",
        "first_name": "Olinda",
        "last_name": "Chávez Vásquez",
        "email": "participante23@example.org",
        "region": "UGEL Satipo, Junín",
    },
]

EN_FACILITATORS: list[dict] = [
    {
        "username": "facilitator_en",
        "first_name": "Hannah",
        "last_name": "Okafor",
        "email": "facilitator_en@example.org",
        "region": "Manchester, United Kingdom",
    },
]

EN_PARTICIPANTS: list[dict] = [
    {
        "username": "learner1",
        "first_name": "Priya",
        "last_name": "Raman",
        "email": "learner1@example.org",
        "region": "Chennai, India",
    },
    {
        "username": "learner2",
        "first_name": "Tomás",
        "last_name": "Herrera",
        "email": "learner2@example.org",
        "region": "Valparaíso, Chile",
    },
    {
        "username": "learner3",
        "first_name": "Grace",
        "last_name": "Mensah",
        "email": "learner3@example.org",
        "region": "Kumasi, Ghana",
    },
]

GROUPS: list[str] = ["GIA Sierra Centro", "GIA Sur Andino", "GIA Amazonía", "GIA Norte Andino"]
